package io.strand.streams;

import java.time.Duration;
import java.util.Objects;

/**
 * The time span of a windowed stream-stream join, as Kafka Streams' {@code JoinWindows}: a record
 * of this stream at event time {@code t} joins each record of the other stream with the same key
 * whose event time is in {@code [t - before, t + after]} ms, both ends included (so the other
 * stream's record at {@code t'} sees this stream's records in {@code [t' - after, t' + before]}).
 *
 * <p>{@link #ofTimeDifferenceAndGrace} makes a symmetric window, {@code before = after}; an
 * asymmetric one (Flink's interval join, {@code between(lower, upper)}) comes from
 * {@link #before} and {@link #after}: {@code before(-lower)} and {@code after(upper)}. One bound
 * may be negative (the window need not contain {@code t}), as long as {@code before + after >= 0}.
 * For example flights out of an airport 1 to 3 hours after a flight in:
 * {@code JoinWindows.ofTimeDifferenceAndGrace(Duration.ofHours(3), grace).before(Duration.ofHours(-1))}.
 *
 * <p>Grace, the allowed lateness (Kafka Streams' grace period): a record is late, and never
 * joined, when the task's watermark has passed its event time plus the grace on arrival
 * ({@code t + grace < watermark}); it is counted and goes to the join's late side output. Each
 * side's records are buffered until the watermark passes the end of their window plus the grace
 * ({@code t + after + grace} for this stream's, {@code t' + before + grace} for the other's): then
 * no on-time record can match them any more, and a left or outer join emits those that met none.
 * Lateness is judged against the watermark, which already trails the highest event time by the
 * inputs' bounded out-of-orderness ({@link Consumed#withOutOfOrderness}), as Flink's interval join
 * drops records behind the watermark (here: behind it by more than the grace); Kafka Streams has no
 * watermark and judges against its stream time, the highest time seen, so its tolerance of
 * out-of-order records is part of the window and grace.
 *
 * @param beforeMs how far before this stream's record the other's may be, ms (may be negative)
 * @param afterMs how far after this stream's record the other's may be, ms (may be negative)
 * @param graceMs the allowed lateness, ms, at least 0
 */
public record JoinWindows(long beforeMs, long afterMs, long graceMs) {

  /**
   * Checks the spans.
   *
   * @throws IllegalArgumentException if {@code before + after < 0} or the grace is negative
   */
  public JoinWindows {
    if (beforeMs + afterMs < 0 || graceMs < 0) {
      throw new IllegalArgumentException("join windows need before + after >= 0 ms and grace >= 0 ms, got before "
          + beforeMs + " ms, after " + afterMs + " ms, grace " + graceMs + " ms");
    }
  }

  /**
   * A symmetric window: the records' event times at most {@code timeDifference} apart.
   *
   * @param timeDifference the largest difference, at least 0
   * @param grace the allowed lateness, at least 0
   * @return the windows
   * @throws IllegalArgumentException if a span is negative
   */
  public static JoinWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration grace) {
    long ms = Objects.requireNonNull(timeDifference, "timeDifference").toMillis();
    if (ms < 0) {
      throw new IllegalArgumentException("the join's time difference must be >= 0 ms, got " + ms);
    }
    return new JoinWindows(ms, ms, Objects.requireNonNull(grace, "grace").toMillis());
  }

  /**
   * A symmetric window with no grace: a record behind the watermark is late.
   *
   * @param timeDifference the largest difference, at least 0
   * @return the windows
   * @throws IllegalArgumentException if the span is negative
   */
  public static JoinWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
    return ofTimeDifferenceAndGrace(timeDifference, Duration.ZERO);
  }

  /**
   * These windows with a new start: the other stream's records may be up to {@code timeDifference}
   * before this stream's (negative: must be at least that much after it).
   *
   * @param timeDifference the new {@code before}
   * @return the windows
   * @throws IllegalArgumentException if {@code before + after} becomes negative
   */
  public JoinWindows before(Duration timeDifference) {
    return new JoinWindows(Objects.requireNonNull(timeDifference, "timeDifference").toMillis(), afterMs, graceMs);
  }

  /**
   * These windows with a new end: the other stream's records may be up to {@code timeDifference}
   * after this stream's (negative: must be at least that much before it).
   *
   * @param timeDifference the new {@code after}
   * @return the windows
   * @throws IllegalArgumentException if {@code before + after} becomes negative
   */
  public JoinWindows after(Duration timeDifference) {
    return new JoinWindows(beforeMs, Objects.requireNonNull(timeDifference, "timeDifference").toMillis(), graceMs);
  }

  /**
   * The window's length.
   *
   * @return {@code before + after}, ms
   */
  public long size() {
    return beforeMs + afterMs;
  }
}
