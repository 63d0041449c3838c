package io.strand.container.output;

/** A producer send failed; the commit that found it must not checkpoint. Immutable once thrown. */
public final class SendFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message the destination and error
   * @param cause the producer's error
   */
  public SendFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
