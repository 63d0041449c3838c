package io.strand.benchmarks.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The adaptive warm-up's rule: whether a latency run's job has caught up with its input, read from
 * what the probe sees, the same for every engine. A job starts from nothing (a fresh JVM, its JIT
 * compiler busy), and on a small machine it falls behind its input in its first seconds; a measured
 * window opened while it still drains that backlog measures the backlog, in whichever engine
 * started slower (session 10: 1.4 s behind at 4 s into a 5 s warm-up on a loaded machine). So the
 * warm-up lasts at least its set length and then goes on until the job has caught up, or until a
 * deadline, and the report says how long it took and whether it caught up.
 *
 * <p>The probe's consumer notes the end-to-end latency of every output it receives, by
 * {@value #SLICE_MS} ms slice of its receive time. A job draining a backlog shows a median that
 * falls slice after slice (its outputs come faster than the load, each a little less late); one
 * that has caught up shows a flat median. Caught up: the last slice's median is no more than a
 * fifth (plus {@value #FALL_SLACK_MS} ms of noise) below the highest of the last {@value #SLICES}
 * slices, and at most {@value #SETTLED_P50_MS} ms (a flat median above that
 * is a standing queue, or a backlog that drains too slowly to see: the deadline ends those).
 * Four slices (2 s), because a drain slows as it ends: in the first run with three, Strand's
 * passthrough showed medians of 129, 55, 43, 44 ms, passed, and its job was still 13 ms behind at
 * p50 in the window's first second against 7 ms two seconds later (its job-hops file).
 * A slice with no output at all is never caught up. Medians, not tails: the tail is what the
 * window is there to measure, the median is what a backlog moves.
 *
 * <p>Threading: {@link #record} and {@link #tick} on the probe's consumer thread only;
 * {@link #caughtUp()} and {@link #slices()} from any thread.
 */
final class CatchUp {

  /** Width of one slice of receive time, ms. */
  static final long SLICE_MS = 500;
  /** Slices the rule looks at. */
  static final int SLICES = 4;
  /** The last slice's median may be this share of the highest of the slices looked at and still count as flat. */
  static final double FALL = 0.8;
  /** Noise allowed on top of {@link #FALL}, ms. */
  static final double FALL_SLACK_MS = 2;
  /** Highest median of the last slice that can count as caught up, ms. */
  static final double SETTLED_P50_MS = 50;

  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

  private final Histogram current = new Histogram(HIGHEST_MICROS, 3);
  private long sliceEnd = Long.MIN_VALUE;
  /** Medians of the slices closed so far, ms (NaN: no output in it). Guarded by this. */
  private final List<Double> medians = new ArrayList<>();

  /**
   * Notes one output's latency (consumer thread).
   *
   * @param nowNanos {@link System#nanoTime()} when it was received
   * @param micros its end-to-end latency, µs
   */
  void record(long nowNanos, long micros) {
    tick(nowNanos);
    current.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, micros)));
  }

  /**
   * Closes the slices that ended by now, also when no output came (consumer thread, every poll).
   *
   * @param nowNanos {@link System#nanoTime()}
   */
  void tick(long nowNanos) {
    long width = TimeUnit.MILLISECONDS.toNanos(SLICE_MS);
    if (sliceEnd == Long.MIN_VALUE) {
      sliceEnd = nowNanos + width;
      return;
    }
    while (nowNanos - sliceEnd >= 0) {
      double median = current.getTotalCount() == 0 ? Double.NaN : current.getValueAtPercentile(50) / 1000.0;
      current.reset();
      synchronized (this) {
        medians.add(median);
      }
      sliceEnd += width;
    }
  }

  /** @return true when the job has caught up by the last slices closed (see the class comment) */
  synchronized boolean caughtUp() {
    return medians.size() >= SLICES && settled(medians.subList(medians.size() - SLICES, medians.size()));
  }

  /** @return the medians of every slice closed so far, ms, in order (NaN: no output in it) */
  synchronized List<Double> slices() {
    return List.copyOf(medians);
  }

  /**
   * The rule on consecutive slices' medians.
   *
   * @param medians medians of consecutive slices, oldest first, ms (NaN: no output)
   * @return true when none is missing, the last is not below the highest by more than the rule
   *     allows, and the last is at most {@value #SETTLED_P50_MS} ms
   */
  static boolean settled(List<Double> medians) {
    double highest = 0;
    for (double m : medians) {
      if (Double.isNaN(m)) {
        return false;
      }
      highest = Math.max(highest, m);
    }
    if (medians.isEmpty()) {
      return false;
    }
    double last = medians.get(medians.size() - 1);
    return last >= FALL * highest - FALL_SLACK_MS && last <= SETTLED_P50_MS;
  }
}
