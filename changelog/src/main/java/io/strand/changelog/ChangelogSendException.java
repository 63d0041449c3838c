package io.strand.changelog;

/**
 * A changelog write was not acknowledged by the broker (or the producer refused it). The first such
 * failure of a container is kept by {@link ChangelogSender} and thrown by the next store write and by
 * {@link ContainerStorage#persistAfterFlush}, so the commit that would have named the lost record's
 * offset never happens: the container fails and restarts from its last checkpoint.
 *
 * <p>Threading: immutable once thrown.
 */
public final class ChangelogSendException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message what failed, naming the store, task and topic partition
   * @param cause the producer's exception
   */
  public ChangelogSendException(String message, Throwable cause) {
    super(message, cause);
  }
}
