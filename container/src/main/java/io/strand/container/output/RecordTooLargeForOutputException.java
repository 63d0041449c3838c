package io.strand.container.output;

/**
 * An output record is larger than the producer's {@code max.request.size} or its topic's
 * {@code max.message.bytes}. Thrown by {@link OutputCollector#send} to the task that sent it, so
 * the container's failure names the task and the input offset being processed; the message names
 * the output stream, the record's size and the keys to change. Immutable once thrown.
 */
public final class RecordTooLargeForOutputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message stream, size, limit and keys to change
   * @param cause the producer's or broker's error
   */
  public RecordTooLargeForOutputException(String message, Throwable cause) {
    super(message, cause);
  }
}
