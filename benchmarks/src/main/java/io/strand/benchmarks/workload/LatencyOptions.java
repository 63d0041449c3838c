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
 * @param jobWarmupCommits the job's warm-up, in commit intervals ({@link ClientSettings#COMMIT_MS},
 *     every engine's): a point's window opens only once its job has run at least this many commit
 *     intervals (and {@link #JOB_WARMUP_MARGIN}) since it reported ready, on top of the probe's catch-up rule
 *     ({@code -D}{@value #JOB_WARMUP_COMMITS_PROPERTY}{@code =<n>}, 0: the catch-up rule alone, the
 *     tree before; default {@value #JOB_WARMUP_COMMITS}, none with {@code --quick}). The same for
 *     every engine. Session 21: each point starts a fresh job JVM, and its first commits run the
 *     commit path's code for the first time (Strand's count stalled 120-270 ms at its first commit,
 *     67 / 40 / 13 ms at its first three); the suite measures the steady state
 */
public record LatencyOptions(boolean reversedOrder, Optional<Duration> probeWarmup, Optional<String> jobCompression,
    boolean sustainableSearch, boolean searchNeedsCatchUp, int warmupPoints, int jobWarmupCommits) {

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
  /** The system property that sets the job's warm-up in commit intervals. */
  public static final String JOB_WARMUP_COMMITS_PROPERTY = "benchmark.latency.job.warmup.commits";
  /**
   * The job's warm-up in a full suite, in commit intervals: two (20 s), so both of a fresh JVM's
   * slow first commits fall before the window (Strand's count: 67 and 40 ms, then 13 ms).
   */
  public static final int JOB_WARMUP_COMMITS = 2;

  /**
   * The defaults: the workloads' order, the default probe warm-up and compression, no search (steps
   * need catch-up), no warm-up points, no job warm-up beyond the catch-up rule.
   */
  public static final LatencyOptions DEFAULTS = new LatencyOptions(false, Optional.empty(), Optional.empty(), false,
      true, 0, 0);

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
    if (jobWarmupCommits < 0) {
      throw new IllegalArgumentException("job warm-up commits must be >= 0, was " + jobWarmupCommits);
    }
  }

  /**
   * Reads the system properties, with no job warm-up unless {@value #JOB_WARMUP_COMMITS_PROPERTY} sets one.
   *
   * @see #from(Properties, boolean, int, int)
   */
  public static LatencyOptions from(Properties system, boolean sustainableSearch, int warmupPoints) {
    return from(system, sustainableSearch, warmupPoints, 0);
  }

  /**
   * Reads the system properties.
   *
   * @param system the system properties (normally {@link System#getProperties()})
   * @param sustainableSearch whether the sustainable maximum is searched for
   * @param warmupPoints the warm-up points unless {@value #WARMUP_POINTS_PROPERTY} says otherwise
   * @param jobWarmupCommits the job's warm-up in commit intervals unless
   *     {@value #JOB_WARMUP_COMMITS_PROPERTY} says otherwise
   * @return the options
   * @throws NumberFormatException if {@value #PROBE_WARMUP_PROPERTY}, {@value #WARMUP_POINTS_PROPERTY}
   *     or {@value #JOB_WARMUP_COMMITS_PROPERTY} is not a whole number
   * @throws IllegalArgumentException if any of them is negative
   */
  public static LatencyOptions from(Properties system, boolean sustainableSearch, int warmupPoints,
      int jobWarmupCommits) {
    String warm = system.getProperty(PROBE_WARMUP_PROPERTY);
    String points = system.getProperty(WARMUP_POINTS_PROPERTY);
    String commits = system.getProperty(JOB_WARMUP_COMMITS_PROPERTY);
    return new LatencyOptions("reversed".equals(system.getProperty(ORDER_PROPERTY)),
        warm == null ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(warm.trim()))),
        Optional.ofNullable(system.getProperty(ClientSettings.LATENCY_COMPRESSION_PROPERTY)), sustainableSearch,
        !"false".equals(system.getProperty(SEARCH_CATCH_UP_PROPERTY)),
        points == null ? warmupPoints : Integer.parseInt(points.trim()),
        commits == null ? jobWarmupCommits : Integer.parseInt(commits.trim()));
  }

  /**
   * What the job's warm-up adds to its commit intervals: the K-th commit itself. Session 22: each
   * engine's commit timer starts about when its job reports ready, so the K-th commit fell in the
   * window's first second (Strand's count at 20 k/s: 81 ms at 10 s, 49 ms at 20 s after ready).
   */
  public static final Duration JOB_WARMUP_MARGIN = Duration.ofSeconds(1);

  /**
   * @return the job's warm-up: {@link #jobWarmupCommits()} commit intervals ({@link ClientSettings#COMMIT_MS})
   *     and {@link #JOB_WARMUP_MARGIN}; zero when it is off
   */
  public Duration jobWarmup() {
    return jobWarmupCommits == 0 ? Duration.ZERO
        : Duration.ofMillis(ClientSettings.COMMIT_MS).multipliedBy(jobWarmupCommits).plus(JOB_WARMUP_MARGIN);
  }

  /**
   * When a measured window opens, counted from when its job reported ready: after the job's
   * warm-up ({@link #jobWarmup()}), and, for a window shorter than two commit intervals, so late
   * that the next commit falls in the window's middle. Every window then holds a steady commit
   * (the one after the job's warm-up), the same for every engine: the suite measures the steady
   * state, commits included, not the gap between two commits. Session 22: with the warm-up alone
   * the third commit fell 9 s after an 8 s window opened, so no window held one.
   *
   * @param measured the window's length
   * @return the time since ready before which the window does not open; zero when the job's
   *     warm-up is off
   */
  public Duration windowOpening(Duration measured) {
    if (jobWarmupCommits == 0) {
      return Duration.ZERO;
    }
    Duration toCentre = Duration.ofMillis(ClientSettings.COMMIT_MS).minus(measured.dividedBy(2));
    return Duration.ofMillis(ClientSettings.COMMIT_MS).multipliedBy(jobWarmupCommits)
        .plus(toCentre.compareTo(JOB_WARMUP_MARGIN) > 0 ? toCentre : JOB_WARMUP_MARGIN);
  }

  /**
   * A measured point's warm-up, at least: the set warm-up, and at least what is left until its
   * window may open ({@link #windowOpening}) after the time the job has already run since it
   * reported ready. The probe's catch-up rule then applies on top.
   *
   * @param pointWarmup the points' set warm-up (the suite's {@code latencyWarmup})
   * @param sinceReady how long the job has run since it reported ready, when the probe starts
   * @param measured the point's window
   * @return the warm-up the probe offers at least before its window may open
   */
  public Duration pointWarmup(Duration pointWarmup, Duration sinceReady, Duration measured) {
    return atLeast(pointWarmup, windowOpening(measured).minus(sinceReady));
  }

  /**
   * An unmeasured run's warm-up (the sustainable search's, before its first step), at least: the
   * set warm-up, and at least what is left of the job's warm-up ({@link #jobWarmup()}).
   *
   * @param pointWarmup the points' set warm-up (the suite's {@code latencyWarmup})
   * @param sinceReady how long the job has run since it reported ready, when the probe starts
   * @return the warm-up the probe offers
   */
  public Duration pointWarmup(Duration pointWarmup, Duration sinceReady) {
    return atLeast(pointWarmup, jobWarmup().minus(sinceReady));
  }

  private static Duration atLeast(Duration least, Duration left) {
    return left.compareTo(least) > 0 ? left : least;
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
    return new LatencyOptions(reversedOrder, probeWarmup, jobCompression, search, searchNeedsCatchUp, warmupPoints,
        jobWarmupCommits);
  }
}
