package io.strand.benchmarks.measure;

/**
 * End-to-end latency of one workload at a fixed offered load.
 *
 * @param offeredRate the target rate, records/s
 * @param achievedRate what the load producer managed, records/s
 * @param sent records offered in the measured window
 * @param received outputs of those records seen by the probe
 * @param p50Ms median latency, ms
 * @param p99Ms 99th percentile, ms
 * @param p999Ms 99.9th percentile, ms
 * @param maxMs maximum, ms
 * @param firstHalfP50Ms median latency of the inputs offered in the first half of the measured window, ms
 * @param secondHalfP50Ms the same for the second half, ms
 * @param saturation why the run counts as saturated (the percentiles then measure queueing, not
 *     the job), or empty when it does not
 * @param inputHop latency of the input hop alone (load producer, broker, a consumer's fetch: what
 *     every engine's latency includes before the job sees a record), or empty when not measured
 * @param sliceMaxMs the highest end-to-end latency of the inputs offered in each
 *     {@value #SLICE_MS} ms slice of the measured window, in order, ms (where in the window the tail sits)
 * @param stages where the time goes, by hop, in order (empty when the topics do not carry the
 *     broker's append time): the latency's parts read from {@code LogAppendTime} timestamps of the
 *     job's input and output topics (1 ms resolution), {@link LatencyProbe#STAGES} names them
 * @param harnessGcMs time the harness JVM (load producer and probe consumers) spent in GC during the
 *     warm-up and the measured window, ms: a pause there delays records the job never saw
 * @param warmup how long the load ran before the window opened, and whether the job had caught up
 *     by then ({@link CatchUp})
 * @param partP99Ms the 99th percentile of each {@value #PART_MS} ms part of the measured window (by
 *     the inputs' produce time), in order, ms; NaN for a part without outputs. The spread of these
 *     says how much the window's p99 would move with a window taken a few seconds earlier or later
 *     (session 18: the 50 % point's p99 moved between runs by more than the gap between engines)
 */
public record LatencyResult(double offeredRate, double achievedRate, long sent, long received, double p50Ms,
    double p99Ms, double p999Ms, double maxMs, double firstHalfP50Ms, double secondHalfP50Ms, String saturation,
    java.util.Optional<Hop> inputHop, java.util.List<Double> sliceMaxMs, java.util.Map<String, Hop> stages,
    double harnessGcMs, Warmup warmup, java.util.List<Double> partP99Ms) {

  /** Length of one part of {@link #partP99Ms()}, ms. */
  public static final int PART_MS = 2_000;

  /** Width of one slice of {@link #sliceMaxMs()}, ms. */
  public static final int SLICE_MS = 250;

  /**
   * Latency percentiles of one hop.
   *
   * @param p50Ms median, ms
   * @param p99Ms 99th percentile, ms
   * @param p999Ms 99.9th percentile, ms
   * @param maxMs maximum, ms
   * @param records records measured
   */
  public record Hop(double p50Ms, double p99Ms, double p999Ms, double maxMs, long records) { }

  /**
   * The adaptive warm-up of one point ({@link CatchUp}).
   *
   * @param ms load offered before the measured window opened, ms
   * @param caughtUp true when the window opened because the job had caught up, false when the
   *     warm-up's deadline opened it
   * @param sliceP50Ms median end-to-end latency per {@value CatchUp#SLICE_MS} ms slice of the
   *     warm-up (receive time), ms, in order; NaN where no output came
   */
  public record Warmup(double ms, boolean caughtUp, java.util.List<Double> sliceP50Ms) {

    /** Width of one slice of {@link #sliceP50Ms()}, ms. */
    public static final long SLICE_MS = CatchUp.SLICE_MS;

    /** Copies the slices. */
    public Warmup {
      sliceP50Ms = java.util.List.copyOf(sliceP50Ms);
    }
  }

  /** Copies the slices and the stages (keeping their order). */
  public LatencyResult {
    sliceMaxMs = java.util.List.copyOf(sliceMaxMs);
    partP99Ms = java.util.List.copyOf(partP99Ms);
    stages = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stages));
  }

  /**
   * The spread of the parts' p99.
   *
   * @return min, median and max of {@link #partP99Ms()} over the parts with outputs, ms, or empty
   *     when fewer than two parts had outputs
   */
  public java.util.Optional<double[]> partP99Spread() {
    double[] v = partP99Ms.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (v.length < 2) {
      return java.util.Optional.empty();
    }
    double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    return java.util.Optional.of(new double[] {v[0], median, v[v.length - 1]});
  }

  /** @return true when the offered load was more than the machine could carry */
  public boolean saturated() {
    return !saturation.isEmpty();
  }
}
