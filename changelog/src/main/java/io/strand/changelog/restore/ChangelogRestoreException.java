package io.strand.changelog.restore;

/**
 * A store could not be restored from its changelog: the checkpoint names an offset the changelog
 * does not have (the topic was deleted or recreated), the changelog holds a record without a key
 * (something other than Strand wrote to it), the broker stopped answering, or a restore thread
 * failed. The container must not start its tasks on partial state.
 *
 * <p>Threading: immutable once thrown.
 */
public final class ChangelogRestoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message what failed, naming the store, task and changelog partition
   * @param cause the underlying failure, or null
   */
  public ChangelogRestoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
