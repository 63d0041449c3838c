package io.strand.benchmarks.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * What one {@link LatencyProbe} measurement notes about the outputs of one topic, and how it is
 * judged: the warm-up's catch-up ({@link CatchUp}), then, once the window opens, the latency of
 * every output whose input was produced in the window, overall, per half of the window, per
 * {@value LatencyResult#SLICE_MS} ms slice (the highest), per {@value LatencyResult#PART_MS} ms part
 * (each part's p99: the point's spread) and split at the broker's logs; and the saturation rule.
 *
 * <p>Saturation: on a small machine the load generator, the probe's consumer, the broker and the
 * job share the cores, and a load the job alone could carry can still make a queue grow. The
 * percentiles then measure that queue, so a run is saturated ({@link #saturation}) when the
 * generator fell behind (achieved below {@value #MIN_ACHIEVED} of the target), when outputs were
 * still missing {@value LatencyProbe#DRAIN_MS} ms after the load ended, or when the median latency
 * of one half of the measured window exceeds {@value #GROWTH}x that of the other by more than
 * {@value #GROWTH_MIN_MS} ms (a backlog building up, or one left from before the window still
 * draining: no steady state), or when the median of either half is above {@value #QUEUED_P50_MS} ms
 * (with no batching waits in the clients, only a standing queue takes that long). The sustainable
 * maximum's search ({@link SustainableSearch}) judges its steps by the same rule.
 *
 * <p>Threading: {@link #open} on the load thread; {@link #record} and the warm-up's ticks on the
 * probe's consumer thread; the counters and histograms are read by {@link #result} after that
 * consumer has ended.
 */
final class MeasuredWindow {

  /** Highest latency a histogram holds, µs (a higher one counts as this). */
  static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);
  private static final double MIN_ACHIEVED = 0.95;
  private static final double GROWTH = 2.0;
  private static final double GROWTH_MIN_MS = 20;
  /** With no batching waits (latency settings), a median this long can only be a queue. */
  private static final double QUEUED_P50_MS = 1_000;

  /** Highest latency per slice of the measured window, by origin time, µs. */
  private final AtomicLongArray sliceMax;
  /** The measured window's parts ({@link LatencyResult#PART_MS} each, by origin time): each part's p99. */
  private final Histogram[] parts;
  private final Histogram all = new Histogram(HIGHEST_MICROS, 3);
  /** Stamp to the topic's log (the broker's append time), µs. */
  private final Histogram toLog = new Histogram(HIGHEST_MICROS, 3);
  /** The topic's log to this consumer, µs. */
  private final Histogram fromLog = new Histogram(HIGHEST_MICROS, 3);
  private final Histogram firstHalf = new Histogram(HIGHEST_MICROS, 3);
  private final Histogram secondHalf = new Histogram(HIGHEST_MICROS, 3);
  private final AtomicLong fromMicros = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong midMicros = new AtomicLong(Long.MAX_VALUE);
  final AtomicLong received = new AtomicLong();
  /** Inputs offered in the window, once the load has ended; until then {@link Long#MAX_VALUE}. */
  final AtomicLong expected = new AtomicLong(Long.MAX_VALUE);
  final AtomicReference<Exception> failure = new AtomicReference<>();
  final CountDownLatch positioned = new CountDownLatch(1);
  /** The warm-up's outputs, for the adaptive warm-up's rule. */
  final CatchUp catchUp = new CatchUp();

  /** @param measured the window's length */
  MeasuredWindow(Duration measured) {
    sliceMax = new AtomicLongArray(
        (int) Math.max(1, (measured.toMillis() + LatencyResult.SLICE_MS - 1) / LatencyResult.SLICE_MS));
    parts = new Histogram[(int) Math.max(1, measured.toMillis() / LatencyResult.PART_MS)];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = new Histogram(HIGHEST_MICROS, 3);
    }
  }

  /**
   * Opens the window: outputs of inputs produced from {@code from} on are measured.
   *
   * @param from epoch µs
   * @param measured the window's length
   */
  void open(long from, Duration measured) {
    midMicros.set(from + measured.toNanos() / 2_000);
    fromMicros.set(from);
  }

  /** @return true until {@link #open} */
  boolean warmingUp() {
    return fromMicros.get() == Long.MAX_VALUE;
  }

  /**
   * Notes one output seen after the window opened (ignored when its input came before).
   *
   * @param origin its input's produce time, epoch µs
   * @param now receive time, epoch µs
   * @param appendedMicros the output's log append time, epoch µs, or negative when the topic does
   *     not carry append times
   */
  void record(long origin, long now, long appendedMicros) {
    long from = fromMicros.get();
    if (origin < from) {
      return;
    }
    long micros = clamp(now - origin);
    all.recordValue(micros);
    if (appendedMicros >= 0) {
      toLog.recordValue(clamp(appendedMicros - origin));
      fromLog.recordValue(clamp(now - appendedMicros));
    }
    (origin < midMicros.get() ? firstHalf : secondHalf).recordValue(micros);
    int slice = (int) Math.min(sliceMax.length() - 1, (origin - from) / (LatencyResult.SLICE_MS * 1000L));
    sliceMax.accumulateAndGet(slice, micros, Math::max);
    parts[(int) Math.min(parts.length - 1, (origin - from) / (LatencyResult.PART_MS * 1000L))].recordValue(micros);
    received.incrementAndGet();
  }

  private static long clamp(long micros) {
    return Math.min(HIGHEST_MICROS, Math.max(0, micros));
  }

  /** @return every measured output's latency, as a hop */
  LatencyResult.Hop allHop() {
    return hop(all);
  }

  /**
   * Adds this window's split at the logs, when its topic carried append times.
   *
   * @param stages where to add it
   * @param toLogName the name of the stamp-to-log stage
   * @param fromLogName the name of the log-to-consumer stage
   */
  void stages(Map<String, LatencyResult.Hop> stages, String toLogName, String fromLogName) {
    if (toLog.getTotalCount() > 0) {
      stages.put(toLogName, hop(toLog));
      stages.put(fromLogName, hop(fromLog));
    }
  }

  /**
   * The window's result.
   *
   * @param rate offered records/s
   * @param measured the window's length
   * @param sent inputs offered in the window
   * @param inputHop the input hop's window, if measured
   * @param harnessGcMs the harness JVM's GC time over the run, ms
   * @param warmup the warm-up
   * @return the result, judged
   */
  LatencyResult result(double rate, Duration measured, long sent, Optional<MeasuredWindow> inputHop, long harnessGcMs,
      LatencyResult.Warmup warmup) {
    Map<String, LatencyResult.Hop> stages = new LinkedHashMap<>();
    inputHop.ifPresent(in -> in.stages(stages, LatencyProbe.STAGES.get(0), LatencyProbe.STAGES.get(1)));
    stages(stages, LatencyProbe.STAGES.get(2), LatencyProbe.STAGES.get(3));
    List<Double> slices = new ArrayList<>(sliceMax.length());
    for (int i = 0; i < sliceMax.length(); i++) {
      slices.add(sliceMax.get(i) / 1000.0);
    }
    double achieved = sent / (measured.toNanos() / 1e9);
    long got = received.get();
    double first = firstHalf.getValueAtPercentile(50) / 1000.0;
    double second = secondHalf.getValueAtPercentile(50) / 1000.0;
    return new LatencyResult(rate, achieved, sent, got, all.getValueAtPercentile(50) / 1000.0,
        all.getValueAtPercentile(99) / 1000.0, all.getValueAtPercentile(99.9) / 1000.0, all.getMaxValue() / 1000.0,
        first, second, saturation(rate, achieved, sent, got, first, second), inputHop.map(MeasuredWindow::allHop),
        slices, stages, harnessGcMs, warmup, Arrays.stream(parts).map(h -> h.getTotalCount() == 0
            ? Double.NaN : h.getValueAtPercentile(99) / 1000.0).toList());
  }

  private static LatencyResult.Hop hop(Histogram h) {
    return new LatencyResult.Hop(h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, h.getTotalCount());
  }

  /**
   * The saturation rule (class comment).
   *
   * @param rate offered records/s
   * @param achieved what the load generator reached, records/s
   * @param sent inputs offered in the window
   * @param received their outputs seen
   * @param firstP50Ms median latency of the window's first half, ms
   * @param secondP50Ms the same of its second half, ms
   * @return why the run is saturated, or ""
   */
  static String saturation(double rate, double achieved, long sent, long received, double firstP50Ms,
      double secondP50Ms) {
    List<String> why = new ArrayList<>();
    if (achieved < MIN_ACHIEVED * rate) {
      why.add(String.format(Locale.ROOT, "load generator reached %,.0f of %,.0f rec/s", achieved, rate));
    }
    if (received < sent) {
      why.add(String.format(Locale.ROOT, "%,d of %,d outputs missing %d s after the load", sent - received, sent,
          LatencyProbe.DRAIN_MS / 1000));
    }
    if (Math.max(firstP50Ms, secondP50Ms) > QUEUED_P50_MS) {
      why.add(String.format(Locale.ROOT, "p50 %.0f ms: records wait in a queue", Math.max(firstP50Ms, secondP50Ms)));
    }
    if (secondP50Ms > GROWTH * firstP50Ms && secondP50Ms - firstP50Ms > GROWTH_MIN_MS) {
      why.add(String.format(Locale.ROOT, "p50 grew from %.1f to %.1f ms over the window", firstP50Ms, secondP50Ms));
    } else if (firstP50Ms > GROWTH * secondP50Ms && firstP50Ms - secondP50Ms > GROWTH_MIN_MS) {
      why.add(String.format(Locale.ROOT, "p50 fell from %.1f to %.1f ms over the window: a backlog still draining",
          firstP50Ms, secondP50Ms));
    }
    return String.join("; ", why);
  }
}
