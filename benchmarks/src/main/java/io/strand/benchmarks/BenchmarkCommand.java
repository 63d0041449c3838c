package io.strand.benchmarks;

import io.strand.benchmarks.data.DataSpec;
import io.strand.benchmarks.harness.Suite;
import io.strand.benchmarks.report.Charts;
import io.strand.benchmarks.report.CsvReport;
import io.strand.benchmarks.report.MarkdownReport;
import io.strand.benchmarks.report.SuiteResults;
import io.strand.benchmarks.workload.LatencyOptions;
import io.strand.benchmarks.workload.StoreCache;
import io.strand.benchmarks.workload.SuiteSettings;
import io.strand.benchmarks.workload.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/benchmark}: runs the suite and writes {@code results.md}, {@code runs.csv},
 * {@code latency.csv} and PNG charts into {@code benchmarks/results/<timestamp>/}. Exit 0 when every
 * run did its work and every check passed, 1 when something failed (never because of the numbers
 * themselves), 2 for a bad command line.
 *
 * <p>Threading: main thread.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Strand vs the raw Kafka-client loop vs Kafka Streams, side by side, on a broker in its own JVM.",
    footer = {"",
        "Counts cache their store in both engines (twice the keys per partition;",
        "writes reach RocksDB and the changelog at commit); --no-store-cache runs",
        "them uncached. Both restores and the plain read use one changelog the",
        "harness writes per suite, one record per input record. Latency: a fixed",
        "low load (--latency-low-rate), then 50 %% of each workload's throughput",
        "maximum, then each one's sustainable maximum in the latency setup (searched,",
        "--latency-sustainable) and 50 %% of it, with",
        "latency client settings (fetch.min.bytes=1, fetch.max.wait.ms=10,",
        "linger.ms=1, compression.type=none) for every engine; a point that",
        "shows a queue rather than the job is reported as saturated. Exactly-once rows: passthrough and",
        "count in each engine's exactly-once mode (Strand exactly-once, Kafka",
        "Streams exactly_once_v2 with transactional stores, a transactional raw",
        "loop), commit every 100 ms and every 1 s."})
public final class BenchmarkCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(BenchmarkCommand.class);

  @Option(names = "--quick", description = "Smoke run: 500 k records, 1 round, short latency runs, exactly-once"
      + " workloads at 100 ms only.")
  boolean quick;

  @Option(names = "--records", description = "Records to load (default 5000000; --quick 500000).")
  Long records;

  @Option(names = "--rounds", description = "Runs per workload, interleaved (default 3; --quick 1).")
  Integer rounds;

  @Option(names = "--keys", defaultValue = "10000", description = "Key space (e.g. 10000 or 1000000; default ${DEFAULT-VALUE}).")
  int keys;

  @Option(names = "--zipf", defaultValue = "0", description = "Zipf exponent of the key distribution; 0 = uniform.")
  double zipf;

  @Option(names = "--value-bytes", defaultValue = "100", description = "Value size in bytes (default ${DEFAULT-VALUE}).")
  int valueBytes;

  @Option(names = "--partitions", defaultValue = "8", description = "Input partitions (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--events-per-second", defaultValue = "100000",
      description = "Event-time density of the input (records per second of event time).")
  int eventsPerSecond;

  @Option(names = "--large-keys-table", negatable = true, description = "Also run the raw passthrough and both"
      + " engines' stateful count on 1,000,000 keys, Zipf 1.0 (the same records otherwise, its own input topic), as a"
      + " second table of the report (default: on, but off with --quick; never when --keys/--zipf already are that;"
      + " only when STRAND_COUNT is among the workloads).")
  Boolean largeKeysTable;

  @Option(names = "--latency-seconds", description = "Measured seconds of the 50 %% load point of each latency run; the"
      + " fixed low point is measured half as long (default 10; --quick 5; 0 = no latency runs).")
  Integer latencySeconds;

  @Option(names = "--latency-low-rate", defaultValue = "20000", description = "Records/s of the fixed low load point,"
      + " offered to every engine alike before the 50 %% point (default ${DEFAULT-VALUE}; 0 = only the 50 %% point).")
  double latencyLowRate;

  @Option(names = "--latency-half", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Measure each workload's 50 %% point after the low points (default: on; --no-latency-half: the"
      + " low points only, for an A/B of the low point).")
  boolean latencyHalf;

  @Option(names = "--latency-sustainable", negatable = true, description = "After the 50 %% points, search each"
      + " streaming workload's sustainable maximum in the latency setup (the highest offered load it keeps up with,"
      + " load generator and probe on the machine: bisection from the low rate to the throughput maximum, to about"
      + " 10 %%, a few seconds per step on one job) and measure a third point at 50 %% of it (default: on; off with"
      + " --quick and with --no-latency-half).")
  Boolean latencySustainable;

  @Option(names = "--no-store-cache", description = "Run the counts without a record cache in either engine (every"
      + " update to RocksDB and the changelog); by default both cache twice the keys per partition and write at commit.")
  boolean noStoreCache;

  @Option(names = "--workloads", split = ",", description = "Only these workloads (e.g. RAW_PASSTHROUGH,STRAND_PASSTHROUGH)."
      + " The flights job's run only when named: RAW_FLIGHTS,STRAND_FLIGHTS,STRAND_APP_FLIGHTS,KAFKA_STREAMS_FLIGHTS;"
      + " so do the joins': RAW_ENRICH,STRAND_STREAMS_API_ENRICH,KAFKA_STREAMS_DSL_ENRICH,RAW_JOIN,"
      + "STRAND_STREAMS_API_JOIN,KAFKA_STREAMS_DSL_JOIN.")
  List<Workload> workloads;

  @Option(names = "--flights-lines", defaultValue = "-1", description = "Run the flights workloads on the first"
      + " this many lines of the January 2001 file (default: all 508,239).")
  long flightsLines;

  @Option(names = "--jfr", description = "Record the Strand workloads (and every flights engine and the raw join loops, their ceilings) of round 1"
      + " with JFR, Java samples every 1 ms (files"
      + " next to the results).")
  boolean jfr;

  @Option(names = "--broker-heap-mb", defaultValue = "1024", description = "Broker JVM heap in MiB.")
  int brokerHeapMb;

  @Option(names = "--out", description = "Results directory (default benchmarks/results/<timestamp>).")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed of the key sampler.")
  long seed;

  private String[] argv = new String[0];

  @Override
  public Integer call() throws Exception {
    long n = records != null ? records : quick ? 500_000 : 5_000_000;
    int r = rounds != null ? rounds : quick ? 1 : 3;
    int latency = latencySeconds != null ? latencySeconds : quick ? 5 : 10;
    Path dir = out != null ? out : Path.of("benchmarks", "results",
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
    Files.createDirectories(dir);
    Set<Workload> selected = EnumSet.copyOf(workloads == null || workloads.isEmpty()
        ? Arrays.stream(Workload.values()).filter(w -> quick ? w.inQuickSuite() : w.inDefaultSuite()).toList() : workloads);
    DataSpec data = new DataSpec(n, keys, zipf, valueBytes, partitions, eventsPerSecond, seed);
    // Quick runs' numbers are not judged: their warm-up (and the settling before each latency run,
    // twice the warm-up at most) is no longer than the measurement, 2 s at most (CI's smoke run: 1 s).
    long warmupSeconds = latency == 0 ? 0 : quick ? Math.min(2, latency) : 5;
    SuiteSettings settings = new SuiteSettings(data, r, Duration.ofSeconds(warmupSeconds),
        Duration.ofSeconds(latency), latencyLowRate, noStoreCache ? StoreCache.OFF : StoreCache.sizedFor(data), selected,
        dir.toAbsolutePath(), brokerHeapMb, jfr, ("bin/benchmark " + String.join(" ", argv)).trim(), flightsLines,
        (largeKeysTable != null ? largeKeysTable : !quick) ? SuiteSettings.largeKeysFor(data) : Optional.empty(),
        latencyHalf, LatencyOptions.from(System.getProperties(),
        latencySustainable != null ? latencySustainable : !quick, quick ? 0 : LatencyOptions.WARMUP_POINTS,
        quick ? 0 : LatencyOptions.JOB_WARMUP_COMMITS),
        SuiteSettings.brokerJvmExtraFrom(System.getProperties()));
    long began = System.nanoTime();
    LOG.info("Benchmark: {} records, {} keys, {} round(s); results in {}", n, keys, r, dir.toAbsolutePath());
    SuiteResults results = new Suite(settings).run();
    List<String> charts = Charts.write(results, dir);
    CsvReport.write(results, dir);
    MarkdownReport.write(results, dir, charts);
    LOG.info("Benchmark done in {} s: {}", (System.nanoTime() - began) / 1_000_000_000,
        dir.toAbsolutePath().resolve("results.md"));
    System.out.println(MarkdownReport.render(results, List.of()));
    return results.anyFailure() ? 1 : 0;
  }

  /**
   * @param args the command line
   * @return the exit code
   */
  public static int execute(String... args) {
    BenchmarkCommand command = new BenchmarkCommand();
    command.argv = Arrays.copyOf(args, args.length);
    return new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }

  /**
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
