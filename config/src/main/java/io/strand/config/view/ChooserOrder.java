package io.strand.config.view;

import java.util.Optional;

/**
 * How {@code task.chooser.order} orders the messages of one task's input partitions of the same
 * priority (a Strand addition to Samza's keys; Samza picks a chooser class instead).
 *
 * <p>Threading: constants; safe to share between threads.
 */
public enum ChooserOrder {
  /** One message per partition in turn, as Samza's default round-robin chooser. */
  ROUND_ROBIN,
  /**
   * The partition whose next message has the lowest timestamp first, as Kafka Streams chooses
   * among a task's partitions: a task's inputs advance together in event time, so a join or an
   * aggregation over co-partitioned streams sees records in about the order they happened.
   */
  TIMESTAMP;

  /**
   * The configuration form: {@code round-robin} or {@code timestamp}.
   *
   * @return the lower-case, hyphenated name
   */
  public String configValue() {
    return ConfigForms.of(this);
  }

  /**
   * Parses the configuration form, in any case.
   *
   * @param text {@code round-robin} or {@code timestamp}
   * @return the value, or empty when the text is neither
   */
  public static Optional<ChooserOrder> tryParse(String text) {
    return ConfigForms.parse(ChooserOrder.class, text);
  }
}
