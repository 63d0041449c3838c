package io.strand.config.view;

import java.util.Locale;
import java.util.Optional;

/**
 * The configuration form of the views' enum values: the constant's name in lower case with
 * hyphens for underscores ({@code EXACTLY_ONCE} is {@code exactly-once}), as Samza's own
 * enumerated keys are written.
 *
 * <p>Threading: stateless; safe from any thread.
 */
final class ConfigForms {

  private ConfigForms() {}

  /** The configuration form of {@code value}. */
  static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The constant of {@code type} whose configuration form equals {@code text}, ignoring case and
   * surrounding blanks.
   *
   * @return the constant, or empty when no constant has that form
   */
  static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (E value : type.getEnumConstants()) {
      if (of(value).equals(t)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
