package io.strand.container.output;

/**
 * An output topic is missing and may not be created ({@code strand.outputs.create=false}), or
 * Kafka refused to create it. It fails the container; the message names the topic, its system
 * and the keys involved. Immutable once thrown.
 */
public final class OutputTopicException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message the topic, the system, what is wrong and how to fix it
   * @param cause Kafka's error, or null
   */
  public OutputTopicException(String message, Throwable cause) {
    super(message, cause);
  }
}
