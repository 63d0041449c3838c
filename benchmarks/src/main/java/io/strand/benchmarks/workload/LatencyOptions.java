package io.strand.benchmarks.workload;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * How the latency runs are ordered and set up beyond their loads, resolved once (by
 * {@code bin/benchmark}) from its options and the harness's system properties.
 *
 * @param reversedOrder each load point's workloads in the reverse order
 *     ({@code -D}{@value #ORDER_PROPERTY}{@code =reversed}: a diagnosis of the position effect, the
 *     first point of a suite runs on the least warm broker and harness)
 * @param probeWarmup unmeasured load the probe offers on a topic of its own, with no job, before the
 *     first latency point ({@code -D}{@value #PROBE_WARMUP_PROPERTY}{@code =<seconds>}, 0: none);
 *     empty: {@value #PROBE_WARMUP_WARMUPS} times the points' warm-up
 * @param jobCompression the latency jobs' producer compression
 *     ({@code -D}{@value ClientSettings#LATENCY_COMPRESSION_PROPERTY}), handed to each job's JVM;
 *     empty: each job's default ({@link ClientSettings#DEFAULT_LATENCY_COMPRESSION})
 * @param sustainableSearch whether each streaming workload's sustainable maximum is searched for in
 *     the latency setup and its 50 % point measured too ({@code --latency-sustainable}; off with
 *     {@code --quick})
 * @param searchNeedsCatchUp whether a search step counts as sustained only when its warm-up also
 *     caught up (the median per 0.5 s flat and at most 50 ms before the deadline; default true,
 *     {@code -D}{@value #SEARCH_CATCH_UP_PROPERTY}{@code =false}: the saturation rule alone).
 *     Session 21: by the rule alone a step's 4 s window passed with a flat median of 50-920 ms
 *     whose warm-up never caught up (Kafka Streams' passthrough at 170 k/s: p50 921 ms), a queue
 *     too slow-growing for a short window to show
 * @param warmupPoints unmeasured latency points of the raw passthrough run before the first measured
 *     point ({@code -D}{@value #WARMUP_POINTS_PROPERTY}{@code =<n>}, 0: none; default
 *     {@value #WARMUP_POINTS}, none with {@code --quick}). Session 21: without them the harness's
 *     C2 compiler took 0.17-0.29 cores in the first measured window, recompiling its Kafka clients
 *     for the paths a job's point takes, 0.03-0.07 in the second, none later
 */
public record LatencyOptions(boolean reversedOrder, Optional<Duration> probeWarmup, Optional<String> jobCompression,
    boolean sustainableSearch, boolean searchNeedsCatchUp, int warmupPoints) {

  /** The system property that reverses the order of the workloads within each load point. */
  public static final String ORDER_PROPERTY = "benchmark.latency.order";
  /** The system property that lets a search step pass without its warm-up catching up ({@code false}). */
  public static final String SEARCH_CATCH_UP_PROPERTY = "benchmark.latency.search.catch-up";
  /** The system property that sets the probe's warm-up before the first point, seconds. */
  public static final String PROBE_WARMUP_PROPERTY = "benchmark.latency.probe.warmup.seconds";
  /**
   * The probe's default warm-up in points' warm-ups (40 s for the suite's 5 s). Session 20: in the
   * first two low points of every run the broker took 0.68-0.91 cores and the harness 0.41-0.58 for
   * the same 20 k records/s that cost them 0.48-0.61 and 0.18-0.33 from the third point on; with
   * 40 s of probe load first, the first points' broker took 0.38-0.56 and the harness 0.16-0.36.
   */
  public static final int PROBE_WARMUP_WARMUPS = 8;
  /** The system property that sets how many unmeasured warm-up points run before the first measured one. */
  public static final String WARMUP_POINTS_PROPERTY = "benchmark.latency.warmup.points";
  /** Warm-up points in a full suite: with one, the first measured point still had 0.03-0.07 cores of compiling. */
  public static final int WARMUP_POINTS = 2;

  /**
   * The defaults: the workloads' order, the default probe warm-up and compression, no search (steps
   * need catch-up), no warm-up points.
   */
  public static final LatencyOptions DEFAULTS = new LatencyOptions(false, Optional.empty(), Optional.empty(), false,
      true, 0);

  /** Validates. */
  public LatencyOptions {
    Objects.requireNonNull(probeWarmup, "probeWarmup");
    Objects.requireNonNull(jobCompression, "jobCompression");
    if (probeWarmup.isPresent() && probeWarmup.get().isNegative()) {
      throw new IllegalArgumentException("probe warm-up must be >= 0, was " + probeWarmup.get());
    }
    if (warmupPoints < 0) {
      throw new IllegalArgumentException("warm-up points must be >= 0, was " + warmupPoints);
    }
  }

  /**
   * Reads the system properties.
   *
   * @param system the system properties (normally {@link System#getProperties()})
   * @param sustainableSearch whether the sustainable maximum is searched for
   * @param warmupPoints the warm-up points unless {@value #WARMUP_POINTS_PROPERTY} says otherwise
   * @return the options
   * @throws NumberFormatException if {@value #PROBE_WARMUP_PROPERTY} or {@value #WARMUP_POINTS_PROPERTY}
   *     is not a whole number
   * @throws IllegalArgumentException if either is negative
   */
  public static LatencyOptions from(Properties system, boolean sustainableSearch, int warmupPoints) {
    String warm = system.getProperty(PROBE_WARMUP_PROPERTY);
    String points = system.getProperty(WARMUP_POINTS_PROPERTY);
    return new LatencyOptions("reversed".equals(system.getProperty(ORDER_PROPERTY)),
        warm == null ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(warm.trim()))),
        Optional.ofNullable(system.getProperty(ClientSettings.LATENCY_COMPRESSION_PROPERTY)), sustainableSearch,
        !"false".equals(system.getProperty(SEARCH_CATCH_UP_PROPERTY)),
        points == null ? warmupPoints : Integer.parseInt(points.trim()));
  }

  /**
   * @param pointWarmup the latency points' warm-up
   * @return how long the probe warms up before the first point (zero: not at all)
   */
  public Duration probeWarmup(Duration pointWarmup) {
    return probeWarmup.orElse(pointWarmup.multipliedBy(PROBE_WARMUP_WARMUPS));
  }

  /** @return a copy with {@code sustainableSearch} set */
  public LatencyOptions withSustainableSearch(boolean search) {
    return new LatencyOptions(reversedOrder, probeWarmup, jobCompression, search, searchNeedsCatchUp, warmupPoints);
  }
}
