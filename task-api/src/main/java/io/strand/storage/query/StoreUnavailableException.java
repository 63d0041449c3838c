package io.strand.storage.query;

/**
 * A store cannot be read here now: no running container of this JVM has it (unknown name, the
 * job not started, stores still restoring, or the container stopped or restarting). Retry later, or
 * ask the node that serves it.
 *
 * <p>Threading: an immutable value.
 */
public class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is unavailable and why
   */
  public StoreUnavailableException(String message) {
    super(message);
  }
}
