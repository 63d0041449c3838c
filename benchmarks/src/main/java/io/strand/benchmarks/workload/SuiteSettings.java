package io.strand.benchmarks.workload;

import io.strand.benchmarks.data.DataSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything one suite run is configured with.
 *
 * @param data the input
 * @param rounds how many times each workload runs (interleaved: round r runs every workload once)
 * @param latencyWarmup load offered before the first latency point is measured (the second gets
 *     at most {@link #SECOND_POINT_WARMUP}: the job is warm by then)
 * @param latencyMeasured load offered while the 50 % point is measured (zero: no latency runs);
 *     the fixed low point is measured half as long
 * @param latencyLowRate records/s of the fixed low load point (0: none)
 * @param storeCache the count stores' record cache in both engines ({@link StoreCache#OFF} for --no-store-cache)
 * @param workloads the workloads to run
 * @param outDir where the results of this run go
 * @param brokerHeapMb heap of the broker JVM, MiB
 * @param jfr whether the Strand workloads of round 1 run with a JFR recording
 * @param command the command line, for the report
 * @param flightsLines data lines of the flights file the flights workloads run on; negative for all
 */
public record SuiteSettings(DataSpec data, int rounds, Duration latencyWarmup, Duration latencyMeasured,
    double latencyLowRate, StoreCache storeCache, Set<Workload> workloads, Path outDir, int brokerHeapMb,
    boolean jfr, String command, long flightsLines) {

  /** Warm-up of the second load point of a latency run, at most. */
  public static final Duration SECOND_POINT_WARMUP = Duration.ofSeconds(2);

  /** Validates and copies. */
  public SuiteSettings {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be >= 1, was " + rounds);
    }
    if (latencyLowRate < 0) {
      throw new IllegalArgumentException("latency low rate must be >= 0, was " + latencyLowRate);
    }
    workloads = workloads.isEmpty() ? EnumSet.noneOf(Workload.class) : EnumSet.copyOf(workloads);
  }

  /** @return true when latency runs are wanted */
  public boolean measuresLatency() {
    return !latencyMeasured.isZero();
  }

  /** @return how long the fixed low point is measured */
  public Duration lowPointMeasured() {
    return latencyMeasured.dividedBy(2);
  }
}
