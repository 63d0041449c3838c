package io.strand.streams;

import java.time.Duration;
import java.util.Objects;

/**
 * Fixed-size event-time windows, as Kafka Streams' {@code TimeWindows}: tumbling (advance = size)
 * or hopping (advance &lt; size, each record in {@code size / advance} windows). Windows are
 * aligned to the epoch: a window starts at a multiple of the advance and spans
 * {@code [start, start + size)} ms.
 *
 * <p>Grace (Kafka Streams' grace period, Flink's allowed lateness): a window closes, and its
 * final result is emitted, when the task's watermark reaches {@code end + grace}; a record whose
 * every window is closed is late (counted and, if asked, sent to a side output).
 *
 * @param sizeMs the window size, ms, at least 1
 * @param advanceMs the hop between window starts, ms, 1 to {@code sizeMs}
 * @param graceMs the allowed lateness after the window's end, ms, at least 0
 */
public record TimeWindows(long sizeMs, long advanceMs, long graceMs) {

  /**
   * Checks the spans.
   *
   * @throws IllegalArgumentException if a span is out of range
   */
  public TimeWindows {
    if (sizeMs < 1 || advanceMs < 1 || advanceMs > sizeMs || graceMs < 0) {
      throw new IllegalArgumentException("time windows need size >= 1 ms, 1 ms <= advance <= size and grace >= 0,"
          + " got size " + sizeMs + " ms, advance " + advanceMs + " ms, grace " + graceMs + " ms");
    }
  }

  /**
   * Tumbling windows of a size, with a grace period.
   *
   * @param size the window size
   * @param grace the allowed lateness
   * @return the windows
   */
  public static TimeWindows ofSizeAndGrace(Duration size, Duration grace) {
    return new TimeWindows(Objects.requireNonNull(size, "size").toMillis(), size.toMillis(),
        Objects.requireNonNull(grace, "grace").toMillis());
  }

  /**
   * Tumbling windows with no grace: a window closes when the watermark reaches its end.
   *
   * @param size the window size
   * @return the windows
   */
  public static TimeWindows ofSizeWithNoGrace(Duration size) {
    return ofSizeAndGrace(size, Duration.ZERO);
  }

  /**
   * Hopping windows: these windows, starting every {@code advance}.
   *
   * @param advance the hop, at most the size
   * @return the windows
   */
  public TimeWindows advanceBy(Duration advance) {
    return new TimeWindows(sizeMs, Objects.requireNonNull(advance, "advance").toMillis(), graceMs);
  }

  /**
   * The start of the earliest window that holds a time.
   *
   * @param timestampMs an event time
   * @return ms
   */
  public long firstStartFor(long timestampMs) {
    long lastStart = Math.floorDiv(timestampMs, advanceMs) * advanceMs;
    return lastStart - ((sizeMs - 1) / advanceMs) * advanceMs;
  }
}
