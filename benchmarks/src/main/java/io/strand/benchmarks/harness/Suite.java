package io.strand.benchmarks.harness;

import io.strand.benchmarks.data.DataSpec;
import io.strand.benchmarks.data.Expected;
import io.strand.benchmarks.data.InputLoader;
import io.strand.benchmarks.flights.FlightsInput;
import io.strand.benchmarks.flights.FlightsRunTopics;
import io.strand.benchmarks.measure.WorkerLauncher;
import io.strand.benchmarks.report.Machine;
import io.strand.benchmarks.report.SuiteResults;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.SuiteSettings;
import io.strand.benchmarks.workload.Workload;
import io.strand.samples.flights.FlightTopics;
import io.strand.samples.flights.LoadResult;
import io.strand.testkit.kafka.BrokerMode;
import io.strand.testkit.kafka.BrokerSettings;
import io.strand.testkit.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the suite: a broker in its own JVM, the input loaded once (and, for the restore workloads,
 * its count changelog written once: {@link RestoreFixture}), then {@code rounds} rounds that each
 * run every selected workload once in a fresh JVM (interleaved, so drift hits all alike), then one
 * latency run per streaming workload at a fixed low load, at 50 % of its median throughput and at 50 % of its sustainable maximum
 * ({@link LatencyRuns}).
 *
 * <p>Strand's stateful workloads need the container's store integration; a probe job finds out
 * whether {@code TaskContext.getStore} works, and when it does not, those rows are marked "not
 * available" instead of measured.
 *
 * <p>Threading: {@link #run()} on one thread.
 */
public final class Suite {

  private static final Logger LOG = LoggerFactory.getLogger(Suite.class);
  static final String INPUT = "bench-input";
  /** Same JVM options for every engine's worker. */
  private static final List<String> WORKER_JVM = List.of("-Xmx1g", "-XX:+UseG1GC",
      "-Djava.awt.headless=true", "-Dlog4j2.configurationFile=strand-bench-log4j2.xml");

  /** How the exactly-once workloads run, for the report. */
  static final String EXACTLY_ONCE_SETUP = "exactly-once workloads: Strand task.delivery.guarantee=exactly-once"
      + " (one transactional producer per container; outputs, changelog records, checkpoints and group offsets in one"
      + " transaction per commit; read_committed consumers), Kafka Streams processing.guarantee=exactly_once_v2 with"
      + " enable.transactional.statestores=true, the raw loop a transactional producer and a read_committed consumer"
      + " (sendOffsetsToTransaction + commitTransaction per commit; its count keeps a HashMap and writes the changelog"
      + " records a cached store would, inside the transaction); each at the commit interval in its row, with the same"
      + " client settings and store cache as the at-least-once rows. Their outputs are checked read_committed:"
      + " passthrough record counts every round, the counts of sampled keys (each count 1..n exactly once) in round 1."
      + " No latency runs: an exactly-once output is visible at the next commit.";

  /** How the flights workloads run, for the report. */
  static final String FLIGHTS_SETUP = "flights workloads: the same job on every engine (per-airport totals, one-hour"
      + " event-time windows per airport with 1 h grace, enrichment from the airports table, each closed hour sent"
      + " once, every airport's final totals at the end): Strand's FlightDelayTask as flight-delays.properties"
      + " configures it (RocksDB stores with changelogs, JSON store values, window every 10 s, commit every 5 s),"
      + " Strand's streams API FlightDelayApp (flight-delays-app.properties), Kafka Streams' DSL (windowed aggregates"
      + " with EmitStrategy.onWindowClose, airports as a GlobalKTable, commit every 5 s, an end marker per partition"
      + " once every flight is processed: it has no end of input) and a single-thread kafka-clients loop with its"
      + " state in HashMaps (no changelog: the ceiling without durability; running totals every 10 s, offsets every"
      + " 5 s). Their final totals and hourly records are compared as multisets every round.";

  private final SuiteSettings settings;
  private final SuiteResults results;

  /**
   * The broker JVM's options beyond its maximum heap: its GC pauses and safepoints with wall-clock
   * times in {@code broker-gc.log}, so a stall of every engine's records can be set against the
   * broker's pauses; and since session 19 a fixed heap ({@code -Xms} as {@code -Xmx}, as Kafka's
   * {@code kafka-server-start.sh} runs it). With the testkit's {@code -Xms256m} G1's young generation
   * stayed about 145 MiB: at 20 k records/s in and out a 10-40 ms young pause every ~2 s, 1 % of every
   * 2 s part of a latency window. With the fixed heap the young generation grows to about 600 MiB:
   * 13 young pauses a minute against 30-31, as long (the input hop alone, session 19).
   *
   * <p>Kafka's GC options ({@code kafka-run-class.sh}'s {@code MaxGCPauseMillis=20}) were tried too
   * and not taken: G1 then kept the young generation small and the broker collected more often (80-82
   * against 52-55 young pauses per suite run), with pauses as long.
   *
   * @param outDir the results directory
   * @param heapMb the broker's heap, MiB
   * @param extra more options, for diagnosis ({@link SuiteSettings#brokerJvmExtra()}), appended
   * @return the options
   */
  static List<String> brokerJvmOptions(Path outDir, int heapMb, List<String> extra) {
    List<String> o = new java.util.ArrayList<>(List.of("-Xlog:gc,safepoint:file="
        + outDir.resolve("broker-gc.log").toAbsolutePath() + ":time,uptime"));
    o.add("-Xms" + heapMb + "m");
    // Diagnosis only (e.g. the broker's JIT log): -Dbenchmark.broker.jvm="-Xlog:jit+compilation=debug:file=..."
    o.addAll(extra);
    return List.copyOf(o);
  }

  /** @param settings what to run */
  public Suite(SuiteSettings settings) {
    this.settings = settings;
    this.results = new SuiteResults(settings);
  }

  /**
   * @return what was measured
   * @throws InterruptedException if interrupted
   */
  public SuiteResults run() throws InterruptedException {
    Path workers = mkdirs(settings.outDir().resolve("workers"));
    // Local state of an earlier run in the same directory would make a restore replay only a delta
    // (Kafka Streams trusts its .checkpoint file): every run starts from empty state.
    Path state = settings.outDir().resolve("state");
    deleteRecursively(state);
    mkdirs(state);
    BrokerSettings brokerSettings = BrokerSettings.defaults().withMode(BrokerMode.CHILD_JVM)
        .withChildHeapMb(settings.brokerHeapMb()).withStartupTimeout(Duration.ofSeconds(120))
        // A deleted topic's files go at once (between runs), not 60 s later in the middle of another run.
        .withProperty("log.segment.delete.delay.ms", "0")
        .withChildJvmOptions(brokerJvmOptions(settings.outDir(), settings.brokerHeapMb(),
            settings.brokerJvmExtra()));
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerSettings);
         Topics topics = new Topics(broker.bootstrapServers())) {
      String bootstrap = broker.bootstrapServers();
      WorkerLauncher launcher = new WorkerLauncher(workers, WORKER_JVM, broker.process().orElseThrow());
      // Other work on the machine skews every figure: the report shows how busy it was.
      results.note("load average (1 / 5 / 15 min) when the suite started: " + Machine.loadAverage());
      DataSpec data = settings.data();
      // The synthetic input only when a workload reads it; the flights job's is the sample's data file.
      Expected expected = null;
      long eventTimeBase = eventTimeBase();
      if (settings.workloads().stream().anyMatch(w -> w.kind() != Kind.FLIGHTS && w.kind() != Kind.JOIN)) {
        topics.create(INPUT, data.partitions());
        expected = new InputLoader(bootstrap).load(INPUT, data, eventTimeBase);
      }
      JoinCheck joins = JoinInputs.load(settings, results, bootstrap, topics, expected, eventTimeBase);
      FlightsCheck flights = null;
      if (settings.workloads().stream().anyMatch(w -> w.kind() == Kind.FLIGHTS)) {
        LoadResult load = FlightsInput.load(bootstrap, settings.flightsLines());
        results.note(String.format(Locale.ROOT, "flights input: %,d flights (%,d lines that are not flights) of %s"
                + " and %,d airports, loaded once by the sample's FlightsLoader into '%s' (%d partitions, keyed by"
                + " origin, file order) and '%s'", load.flights(), load.malformedInFile(),
            settings.flightsLines() < 0 ? "the January 2001 file" : "the first " + settings.flightsLines()
                + " lines of the January 2001 file", load.airports(), FlightTopics.FLIGHTS,
            FlightsRunTopics.PARTITIONS, FlightTopics.AIRPORTS));
        results.note(FLIGHTS_SETUP);
        flights = new FlightsCheck(bootstrap, load.flights());
      }
      if (settings.workloads().stream().anyMatch(Workload::exactlyOnce)) {
        results.note(EXACTLY_ONCE_SETUP);
      }
      StoreProbe.run(settings, results, bootstrap, topics, launcher, state);
      RestoreFixture restore = new RestoreFixture(bootstrap, topics, INPUT, data.partitions(), settings.storeCache());
      if (settings.workloads().stream().anyMatch(w -> w.kind() == Kind.RESTORE || w.kind() == Kind.READ)) {
        restore.prepare();
      }

      RoundRunner rounds = new RoundRunner(settings, results, INPUT, "r", bootstrap, topics, launcher, state,
          expected, restore, flights, joins);
      for (int round = 1; round <= settings.rounds(); round++) {
        LOG.info("Round {} of {}", round, settings.rounds());
        rounds.run(round);
      }
      if (settings.measuresLatency()) {
        new LatencyRuns(settings, results, bootstrap, topics, launcher, state).run();
      }
      if (results.largeKeys().isPresent()) {
        LargeKeyTable.run(results, results.largeKeys().get(), bootstrap, topics, launcher, state, eventTimeBase);
      }
      results.note("load average (1 / 5 / 15 min) when the suite ended: " + Machine.loadAverage());
    }
    return results;
  }


  /** Event time starts at a whole second, so window boundaries are the same in every engine. */
  static long eventTimeBase() {
    return System.currentTimeMillis() / 1000 * 1000;
  }

  private static void deleteRecursively(Path dir) {
    try {
      PathUtils.delete(dir); // nothing if absent
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the old state in " + dir, e);
    }
  }

  private static Path mkdirs(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  static String fmt2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
