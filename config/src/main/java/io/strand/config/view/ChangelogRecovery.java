package io.strand.config.view;

import java.util.Optional;

/**
 * What a restore does when the checkpoint names a changelog offset the store's changelog
 * partition does not have (the topic was deleted or recreated while the job was stopped). Key
 * {@code stores.<s>.changelog.recover} ({@link StorageConfig#CHANGELOG_RECOVER}), a Strand addition
 * to Samza's keys.
 *
 * <p>Threading: constants; safe to share between threads.
 */
public enum ChangelogRecovery {
  /** Stop the container, naming the store, the offsets and this key (the default). */
  FAIL,
  /**
   * Open the store from its local snapshot taken at exactly the checkpointed changelog offset
   * (the state the checkpoint describes) and write every key of it to the changelog again, so the
   * new changelog holds the state; the next commit checkpoints the new changelog's offsets.
   */
  LOCAL;

  /**
   * The configuration form: {@code fail} or {@code local}.
   *
   * @return the lower-case name
   */
  public String configValue() {
    return ConfigForms.of(this);
  }

  /**
   * Parses the configuration form, in any case.
   *
   * @param text {@code fail} or {@code local}
   * @return the value, or empty when the text is neither
   */
  public static Optional<ChangelogRecovery> tryParse(String text) {
    return ConfigForms.parse(ChangelogRecovery.class, text);
  }
}
