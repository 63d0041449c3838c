package io.strand.streams;

import java.time.Duration;
import java.util.Objects;

/**
 * Session windows per key, as Kafka Streams' {@code SessionWindows}: records of a key closer than
 * the inactivity gap in event time belong to one session; a record that bridges two sessions
 * merges them. A session spans its first to its last record ({@code end} = last + 1 ms) and closes
 * when the watermark reaches its last record plus the gap plus the grace.
 *
 * @param gapMs the inactivity gap, ms, at least 1
 * @param graceMs the allowed lateness, ms, at least 0
 */
public record SessionWindows(long gapMs, long graceMs) {

  /**
   * Checks the spans.
   *
   * @throws IllegalArgumentException if a span is out of range
   */
  public SessionWindows {
    if (gapMs < 1 || graceMs < 0) {
      throw new IllegalArgumentException("session windows need a gap >= 1 ms and grace >= 0, got gap " + gapMs
          + " ms, grace " + graceMs + " ms");
    }
  }

  /**
   * Sessions with an inactivity gap and a grace period.
   *
   * @param gap the inactivity gap
   * @param grace the allowed lateness
   * @return the windows
   */
  public static SessionWindows ofInactivityGapAndGrace(Duration gap, Duration grace) {
    return new SessionWindows(Objects.requireNonNull(gap, "gap").toMillis(),
        Objects.requireNonNull(grace, "grace").toMillis());
  }

  /**
   * Sessions with no grace.
   *
   * @param gap the inactivity gap
   * @return the windows
   */
  public static SessionWindows ofInactivityGapWithNoGrace(Duration gap) {
    return ofInactivityGapAndGrace(gap, Duration.ZERO);
  }
}
