package io.strand.benchmarks.workload;

import io.strand.benchmarks.data.DataSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Everything one suite run is configured with.
 *
 * @param data the input
 * @param rounds how many times each workload runs (interleaved: round r runs every workload once)
 * @param latencyWarmup load offered before each latency point is measured, at least (each point
 *     runs on a job of its own)
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
 * @param largeKeys the input of the second table ({@link #largeKeyTable()}), or empty for none
 * @param latencyHalfPoint whether the latency runs measure the 50 % point too (false: the low point
 *     only, {@code --no-latency-half}, for an A/B of the low point in fewer minutes)
 * @param latencyOptions the latency runs' order, probe warm-up, job compression and whether they
 *     search for the sustainable maximum
 * @param brokerJvmExtra more options for the broker's JVM, for diagnosis (e.g. its JIT log):
 *     {@code -D}{@value #BROKER_JVM_PROPERTY}{@code ="<options, space-separated>"}, none by default
 */
public record SuiteSettings(DataSpec data, int rounds, Duration latencyWarmup, Duration latencyMeasured,
    double latencyLowRate, StoreCache storeCache, Set<Workload> workloads, Path outDir, int brokerHeapMb,
    boolean jfr, String command, long flightsLines, Optional<DataSpec> largeKeys, boolean latencyHalfPoint,
    LatencyOptions latencyOptions, List<String> brokerJvmExtra) {

  /** The system property with more broker JVM options, space-separated (diagnosis only). */
  public static final String BROKER_JVM_PROPERTY = "benchmark.broker.jvm";

  /** Key space of the second table (issue 17's large key space). */
  public static final int LARGE_KEYS = 1_000_000;
  /** Zipf exponent of the second table's keys. */
  public static final double LARGE_KEYS_ZIPF = 1.0;
  /**
   * What the second table runs: the stateful count of both engines and its raw ceiling (the raw
   * passthrough, as in the first table's ratios).
   */
  public static final Set<Workload> LARGE_KEY_WORKLOADS =
      EnumSet.of(Workload.RAW_PASSTHROUGH, Workload.STRAND_COUNT, Workload.KAFKA_STREAMS_COUNT);

  /** A suite without extra broker JVM options. */
  public SuiteSettings(DataSpec data, int rounds, Duration latencyWarmup, Duration latencyMeasured,
      double latencyLowRate, StoreCache storeCache, Set<Workload> workloads, Path outDir, int brokerHeapMb,
      boolean jfr, String command, long flightsLines, Optional<DataSpec> largeKeys, boolean latencyHalfPoint,
      LatencyOptions latencyOptions) {
    this(data, rounds, latencyWarmup, latencyMeasured, latencyLowRate, storeCache, workloads, outDir, brokerHeapMb,
        jfr, command, flightsLines, largeKeys, latencyHalfPoint, latencyOptions, List.of());
  }

  /**
   * Reads {@value #BROKER_JVM_PROPERTY}.
   *
   * @param system the system properties (normally {@link System#getProperties()})
   * @return the extra broker JVM options it names, split at white space; empty when unset or blank
   */
  public static List<String> brokerJvmExtraFrom(Properties system) {
    String extra = system.getProperty(BROKER_JVM_PROPERTY, "").trim();
    return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
  }

  /** A suite with the latency runs' {@link LatencyOptions#DEFAULTS}. */
  public SuiteSettings(DataSpec data, int rounds, Duration latencyWarmup, Duration latencyMeasured,
      double latencyLowRate, StoreCache storeCache, Set<Workload> workloads, Path outDir, int brokerHeapMb,
      boolean jfr, String command, long flightsLines, Optional<DataSpec> largeKeys, boolean latencyHalfPoint) {
    this(data, rounds, latencyWarmup, latencyMeasured, latencyLowRate, storeCache, workloads, outDir, brokerHeapMb,
        jfr, command, flightsLines, largeKeys, latencyHalfPoint, LatencyOptions.DEFAULTS);
  }

  /** A suite whose latency runs measure both points. */
  public SuiteSettings(DataSpec data, int rounds, Duration latencyWarmup, Duration latencyMeasured,
      double latencyLowRate, StoreCache storeCache, Set<Workload> workloads, Path outDir, int brokerHeapMb,
      boolean jfr, String command, long flightsLines, Optional<DataSpec> largeKeys) {
    this(data, rounds, latencyWarmup, latencyMeasured, latencyLowRate, storeCache, workloads, outDir, brokerHeapMb,
        jfr, command, flightsLines, largeKeys, true);
  }

  /** A suite without the second table. */
  public SuiteSettings(DataSpec data, int rounds, Duration latencyWarmup, Duration latencyMeasured,
      double latencyLowRate, StoreCache storeCache, Set<Workload> workloads, Path outDir, int brokerHeapMb,
      boolean jfr, String command, long flightsLines) {
    this(data, rounds, latencyWarmup, latencyMeasured, latencyLowRate, storeCache, workloads, outDir, brokerHeapMb,
        jfr, command, flightsLines, Optional.empty());
  }

  /**
   * The input of the second table for a suite on {@code data}: the same records, value size,
   * partitions, event-time density and seed, with {@value #LARGE_KEYS} keys drawn Zipf
   * {@value #LARGE_KEYS_ZIPF}; empty when {@code data} already is that key space (the first table
   * shows it).
   *
   * @param data the suite's input
   * @return the second table's input, or empty
   */
  public static Optional<DataSpec> largeKeysFor(DataSpec data) {
    if (data.keys() == LARGE_KEYS && data.zipfExponent() == LARGE_KEYS_ZIPF) {
      return Optional.empty();
    }
    return Optional.of(new DataSpec(data.records(), LARGE_KEYS, LARGE_KEYS_ZIPF, data.valueBytes(), data.partitions(),
        data.eventsPerSecond(), data.seed()));
  }

  /** Validates and copies. */
  public SuiteSettings {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be >= 1, was " + rounds);
    }
    if (latencyLowRate < 0) {
      throw new IllegalArgumentException("latency low rate must be >= 0, was " + latencyLowRate);
    }
    workloads = workloads.isEmpty() ? EnumSet.noneOf(Workload.class) : EnumSet.copyOf(workloads);
    Objects.requireNonNull(largeKeys, "largeKeys");
    Objects.requireNonNull(latencyOptions, "latencyOptions");
    brokerJvmExtra = List.copyOf(brokerJvmExtra);
  }

  /**
   * The settings of the second table: the {@link #LARGE_KEY_WORKLOADS} this suite selected, on
   * {@link #largeKeys()}, with the record cache sized for that key space as the first table's is
   * for its own (off when it is off), the same rounds, no latency runs and no further table. Empty
   * when there is no second input or Strand's count is not selected (the table exists for its
   * ratios).
   *
   * @return the second table's settings, or empty
   */
  public Optional<SuiteSettings> largeKeyTable() {
    if (largeKeys.isEmpty() || !workloads.contains(Workload.STRAND_COUNT)) {
      return Optional.empty();
    }
    Set<Workload> selected = EnumSet.copyOf(LARGE_KEY_WORKLOADS);
    selected.retainAll(workloads);
    DataSpec large = largeKeys.get();
    return Optional.of(new SuiteSettings(large, rounds, Duration.ZERO, Duration.ZERO, 0,
        storeCache.enabled() ? StoreCache.sizedFor(large) : StoreCache.OFF, selected, outDir, brokerHeapMb, jfr,
        command, flightsLines, Optional.empty(), latencyHalfPoint, latencyOptions, brokerJvmExtra));
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
