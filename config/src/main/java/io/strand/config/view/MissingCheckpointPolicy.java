package io.strand.config.view;

import java.util.Optional;

/**
 * What a container does when a task has no checkpoint, the job's consumer group has no committed
 * offsets for its inputs either, and yet the job has run before (its checkpoint topic is missing
 * while a changelog holds records or a store directory holds an {@code OFFSET} file): the
 * checkpoints were lost. Key {@value TaskConfig#CHECKPOINT_MISSING}, a Strand addition to Samza's keys.
 *
 * <p>Threading: constants; safe to share between threads.
 */
public enum MissingCheckpointPolicy {
  /** Refuse to start, naming what is missing and this key (the default): nothing is skipped silently. */
  FAIL,
  /**
   * Start the inputs at {@code samza.offset.default}, as for a new job, with the stores restored
   * to the end of their changelogs (their state is kept).
   */
  OFFSET_DEFAULT;

  /**
   * The configuration form: {@code fail} or {@code offset-default}.
   *
   * @return the lower-case, hyphenated name
   */
  public String configValue() {
    return ConfigForms.of(this);
  }

  /**
   * Parses the configuration form, in any case.
   *
   * @param text {@code fail} or {@code offset-default}
   * @return the value, or empty when the text is neither
   */
  public static Optional<MissingCheckpointPolicy> tryParse(String text) {
    return ConfigForms.parse(MissingCheckpointPolicy.class, text);
  }
}
