package io.strand.streams;

/**
 * Tumbling count windows per key: every {@code size} records of a key, in arrival order, make a
 * window whose result is emitted when its last record arrives (Samza's and Flink's count trigger).
 * They do not depend on event time or watermarks: nothing is late. The result's window spans the
 * first to the last record's event time.
 *
 * @param size records per window, at least 1
 */
public record CountWindows(long size) {

  /**
   * Checks the size.
   *
   * @throws IllegalArgumentException if the size is below 1
   */
  public CountWindows {
    if (size < 1) {
      throw new IllegalArgumentException("count windows need at least 1 record, got " + size);
    }
  }

  /**
   * Windows of {@code size} records.
   *
   * @param size records per window
   * @return the windows
   */
  public static CountWindows of(long size) {
    return new CountWindows(size);
  }
}
