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
 */
public record LatencyResult(double offeredRate, double achievedRate, long sent, long received, double p50Ms,
    double p99Ms, double p999Ms, double maxMs, double firstHalfP50Ms, double secondHalfP50Ms, String saturation,
    java.util.Optional<Hop> inputHop, java.util.List<Double> sliceMaxMs, java.util.Map<String, Hop> stages,
    double harnessGcMs, Warmup warmup) {

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
    stages = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stages));
  }

  /** @return true when the offered load was more than the machine could carry */
  public boolean saturated() {
    return !saturation.isEmpty();
  }
}
