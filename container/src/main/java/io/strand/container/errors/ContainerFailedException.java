package io.strand.container.errors;

/**
 * Thrown by {@link io.strand.container.assembly.StreamContainer#run()} when the container fails: a task threw, a message could
 * not be deserialized under the fail policy, a send or checkpoint write failed, or an async task's
 * callback failed or timed out. The message names the job and container and, where relevant, the
 * task, topic, partition and offset. Nothing past the failure is ever checkpointed.
 *
 * <p>Threading: immutable once thrown.
 */
public final class ContainerFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * A failure with a cause.
   *
   * @param message what failed and where
   * @param cause the underlying error, or null
   */
  public ContainerFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A failure without an underlying error.
   *
   * @param message what failed and where
   */
  public ContainerFailedException(String message) {
    super(message);
  }
}
