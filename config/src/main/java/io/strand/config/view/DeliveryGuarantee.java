package io.strand.config.view;

import java.util.Optional;

/**
 * What {@code task.delivery.guarantee} promises about outputs and state after a failure.
 *
 * <p>Threading: constants; safe to share between threads.
 */
public enum DeliveryGuarantee {
  /** Outputs may repeat after a failure; local state matches the last checkpoint. */
  AT_LEAST_ONCE,
  /** Outputs, changelog writes and the checkpoint commit in one Kafka transaction. */
  EXACTLY_ONCE;

  /**
   * The configuration form: {@code at-least-once} or {@code exactly-once}.
   *
   * @return the lower-case, hyphenated name
   */
  public String configValue() {
    return ConfigForms.of(this);
  }

  /**
   * Parses the configuration form, in any case.
   *
   * @param text {@code at-least-once} or {@code exactly-once}
   * @return the value, or empty when the text is neither
   */
  public static Optional<DeliveryGuarantee> tryParse(String text) {
    return ConfigForms.parse(DeliveryGuarantee.class, text);
  }
}
