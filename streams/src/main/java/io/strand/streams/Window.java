package io.strand.streams;

/**
 * A window's time span, in ms since the epoch: {@code [startMs, endMs)}, start included, end
 * excluded, as Kafka Streams' time windows. A session window ends 1 ms after its last record; a
 * count window spans its first to its last record's event time, end 1 ms past it.
 *
 * @param startMs the first ms in the window
 * @param endMs the first ms after the window
 */
public record Window(long startMs, long endMs) {

  /**
   * Checks the span.
   *
   * @throws IllegalArgumentException if the end is before the start
   */
  public Window {
    if (endMs < startMs) {
      throw new IllegalArgumentException("a window ends at or after its start, got [" + startMs + ", " + endMs + ")");
    }
  }
}
