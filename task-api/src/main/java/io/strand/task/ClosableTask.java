package io.strand.task;

/**
 * A task that releases resources when the container stops, as Samza's {@code ClosableTask}.
 *
 * <p>{@code close} is called on a clean shutdown only — after the final commit, on the
 * container's thread — and not when the container fails or is killed, so it must not be the only
 * place that makes work durable: that is what commits are for.
 */
public interface ClosableTask {

  /**
   * Releases what {@code init} acquired.
   *
   * @throws Exception anything; it is logged and the shutdown continues
   */
  void close() throws Exception;
}
