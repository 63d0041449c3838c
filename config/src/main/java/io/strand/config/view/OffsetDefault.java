package io.strand.config.view;

import java.util.Optional;

/**
 * Where a consumer starts on a partition that has no checkpoint, as Samza's
 * {@code samza.offset.default}.
 *
 * <p>Threading: constants; safe to share between threads.
 */
public enum OffsetDefault {
  /** Start after the newest message present now: only messages written from now on are read. */
  UPCOMING,
  /** Start at the oldest message still retained. */
  OLDEST;

  /**
   * The configuration form: {@code upcoming} or {@code oldest}.
   *
   * @return the lower-case name
   */
  public String configValue() {
    return ConfigForms.of(this);
  }

  /**
   * Parses the configuration form, in any case.
   *
   * @param text {@code upcoming} or {@code oldest}
   * @return the value, or empty when the text is neither
   */
  public static Optional<OffsetDefault> tryParse(String text) {
    return ConfigForms.parse(OffsetDefault.class, text);
  }
}
