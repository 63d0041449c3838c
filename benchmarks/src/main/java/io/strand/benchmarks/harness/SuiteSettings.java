package io.strand.benchmarks.harness;

import io.strand.benchmarks.data.DataSpec;
import io.strand.benchmarks.workload.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything one suite run is configured with.
 *
 * @param data the input
 * @param rounds how many times each workload runs (interleaved: round r runs every workload once)
 * @param latencyWarmup load offered before latency is measured
 * @param latencyMeasured load offered while latency is measured (zero: no latency runs)
 * @param workloads the workloads to run
 * @param outDir where the results of this run go
 * @param brokerHeapMb heap of the broker JVM, MiB
 * @param jfr whether the Strand workloads of round 1 run with a JFR recording
 * @param command the command line, for the report
 */
public record SuiteSettings(DataSpec data, int rounds, Duration latencyWarmup, Duration latencyMeasured,
    Set<Workload> workloads, Path outDir, int brokerHeapMb, boolean jfr, String command) {

  /** Validates and copies. */
  public SuiteSettings {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be >= 1, was " + rounds);
    }
    workloads = workloads.isEmpty() ? EnumSet.noneOf(Workload.class) : EnumSet.copyOf(workloads);
  }

  /** @return true when latency runs are wanted */
  public boolean measuresLatency() {
    return !latencyMeasured.isZero();
  }
}
