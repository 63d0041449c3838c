package io.strand.benchmarks.harness;

import io.strand.benchmarks.data.DataSpec;
import io.strand.benchmarks.data.Expected;
import io.strand.benchmarks.data.InputLoader;
import io.strand.benchmarks.data.JoinInputLoader;
import io.strand.benchmarks.data.JoinPayloads;
import io.strand.benchmarks.flights.FlightsInput;
import io.strand.benchmarks.flights.FlightsRunTopics;
import io.strand.benchmarks.measure.RunningWorker;
import io.strand.benchmarks.measure.WorkerLauncher;
import io.strand.benchmarks.measure.WorkerResult;
import io.strand.benchmarks.report.Machine;
import io.strand.benchmarks.report.Measurement;
import io.strand.benchmarks.report.SuiteResults;
import io.strand.benchmarks.workload.Engine;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.SuiteSettings;
import io.strand.benchmarks.workload.WorkerSpec;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the suite: a broker in its own JVM, the input loaded once (and, for the restore workloads,
 * its count changelog written once: {@link RestoreFixture}), then {@code rounds} rounds that each
 * run every selected workload once in a fresh JVM (interleaved, so drift hits all alike), then one
 * latency run per streaming workload at a fixed low load and at 50 % of its median throughput
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
  private static final String INPUT = "bench-input";
  /** The second table's input (a name no job's marker matches). */
  private static final String LARGE_KEYS_INPUT = "bench-input-large-keys";
  private static final long RUN_TIMEOUT_MS = 10 * 60_000;
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
        .withProperty("log.segment.delete.delay.ms", "0");
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
      JoinCheck joins = loadJoinInputs(bootstrap, topics, expected, eventTimeBase);
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
      probeStrandStores(bootstrap, topics, launcher, state);
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
        runLargeKeyTable(results.largeKeys().get(), bootstrap, topics, launcher, state, eventTimeBase);
      }
      results.note("load average (1 / 5 / 15 min) when the suite ended: " + Machine.loadAverage());
    }
    return results;
  }

  /**
   * The second table: its own input topic (the large key space, loaded once, deleted after), then
   * its rounds, interleaved as the first table's, with job names of their own ({@code bench-k<round>-})
   * so no state directory or topic of the first table's runs is reused.
   */
  private void runLargeKeyTable(SuiteResults large, String bootstrap, Topics topics, WorkerLauncher launcher,
      Path state, long eventTimeBase) throws InterruptedException {
    SuiteSettings s = large.settings();
    DataSpec data = s.data();
    LOG.info("Second table: {} workloads on {} keys, Zipf {}", s.workloads().size(), data.keys(), data.zipfExponent());
    large.note("load average (1 / 5 / 15 min) when the second table started: " + Machine.loadAverage());
    results.unavailable().forEach((w, why) -> {
      if (s.workloads().contains(w)) {
        large.unavailable(w, why);
      }
    });
    topics.create(LARGE_KEYS_INPUT, data.partitions());
    Expected expected = new InputLoader(bootstrap).load(LARGE_KEYS_INPUT, data, eventTimeBase);
    RoundRunner rounds = new RoundRunner(s, large, LARGE_KEYS_INPUT, "k", bootstrap, topics, launcher, state,
        expected, null, null, null);
    for (int round = 1; round <= s.rounds(); round++) {
      LOG.info("Second table: round {} of {}", round, s.rounds());
      rounds.run(round);
    }
    topics.deleteMatching(List.of(LARGE_KEYS_INPUT));
    large.note("load average (1 / 5 / 15 min) when the second table ended: " + Machine.loadAverage());
  }

  /** Runs every workload once per round, in {@link Workload} order. */
  private final class RoundRunner {
    private final SuiteSettings settings;
    private final SuiteResults results;
    private final String input;
    private final String prefix;
    private final String bootstrap;
    private final Topics topics;
    private final WorkerLauncher launcher;
    private final Path state;
    private final Expected expected;
    private final RestoreFixture restore;
    private final OutputCheck outputCheck;
    private final FlightsCheck flights;
    private final JoinCheck joins;

    /**
     * @param input the synthetic input topic the passthrough and count workloads read
     * @param prefix of the job names and markers: {@code bench-<prefix><round>-<workload>}
     */
    RoundRunner(SuiteSettings settings, SuiteResults results, String input, String prefix, String bootstrap,
        Topics topics, WorkerLauncher launcher, Path state, Expected expected, RestoreFixture restore,
        FlightsCheck flights, JoinCheck joins) {
      this.settings = settings;
      this.results = results;
      this.input = input;
      this.prefix = prefix;
      this.flights = flights;
      this.joins = joins;
      this.bootstrap = bootstrap;
      this.topics = topics;
      this.launcher = launcher;
      this.state = state;
      this.expected = expected;
      this.restore = restore;
      this.outputCheck = new OutputCheck(bootstrap);
    }

    void run(int round) throws InterruptedException {
      String marker = prefix + round + "-";
      for (Workload w : Workload.values()) {
        if (!settings.workloads().contains(w) || results.unavailable().containsKey(w)) {
          continue;
        }
        WorkerSpec spec = spec(w, round);
        List<String> extra = new ArrayList<>();
        if (settings.jfr() && round == 1
            && (w.engine() == Engine.STRAND || w.engine() == Engine.STRAND_APP || w.kind() == Kind.FLIGHTS)) {
          // Java samples every 1 ms (profile's default is 10 ms): a flights run is ~10 s of processing,
          // and on a loaded 2-core machine 10 ms gave only a few hundred samples of the task's thread.
          extra.add("-XX:StartFlightRecording=filename=" + settings.outDir().resolve(jfrName(w))
              + ",settings=profile,method-profiling=max,dumponexit=true");
        }
        LOG.info("Round {}: {} ...", round, w.label());
        RunningWorker worker = launcher.start(spec, marker + w.name(), extra);
        WorkerResult result = worker.await(RUN_TIMEOUT_MS);
        results.add(new Measurement(w, round, result));
        if (!result.ok()) {
          LOG.warn("Round {}: {} FAILED: {} (log: {})", round, w.label(), result.failure(), result.log());
          continue;
        }
        LOG.info("Round {}: {}: {} records/s ({} records in {} s, job CPU {} s, broker CPU {} s, peak RSS {} MiB)",
            round, w.label(), fmt(result.recordsPerSecond()), result.records(), fmt2(result.elapsedNanos() / 1e9),
            fmt2(result.jobCpuNanos() / 1e9), fmt2(result.brokerCpuNanos() / 1e9), result.peakRssKb() / 1024);
        verify(w, round, spec, result);
      }
      topics.deleteMatching(List.of("bench-" + marker));
    }

    private String jfrName(Workload w) {
      return ("r".equals(prefix) ? "" : prefix + "-") + w.name() + ".jfr";
    }

    private WorkerSpec spec(Workload w, int round) {
      String job = "bench-" + prefix + round + "-" + w.name().toLowerCase(Locale.ROOT).replace('_', '-');
      Path dir = state.resolve(job);
      long n = settings.data().records();
      return switch (w.kind()) {
        case PASSTHROUGH, COUNT, WINDOWED -> {
          topics.create(job + "-out", settings.data().partitions());
          String changelog = "";
          if (w.engine() == Engine.RAW && w.kind() == Kind.COUNT) {
            // The raw transactional count's changelog; the engines create their own.
            changelog = job + "-counts-changelog";
            topics.create(changelog, settings.data().partitions(), Map.of("cleanup.policy", "compact"));
          }
          yield new WorkerSpec(w, bootstrap, input, job + "-out", job, changelog, dir, n, false, settings.storeCache());
        }
        case READ, RESTORE -> restore.spec(w, dir);
        case ENRICH, JOIN -> {
          topics.create(job + "-out", settings.data().partitions());
          boolean enrich = w.kind() == Kind.ENRICH;
          yield new WorkerSpec(w, bootstrap, enrich ? INPUT : JoinPayloads.LEFT, job + "-out", job, "", dir,
              enrich ? n : 2 * n, false, settings.storeCache());
        }
        case FLIGHTS -> {
          WorkerSpec flightsSpec = new WorkerSpec(w, bootstrap, FlightTopics.FLIGHTS, job + "-out", job, "", dir,
              flights.expectedFlights(), false, settings.storeCache());
          // Kafka Streams' end markers carry a far-future time into what they close (FlightsDsl), and
          // its outputs carry event time (2001): kept forever, or time retention deletes them mid-run.
          Map<String, String> anyTime = Map.of(FlightsRunTopics.TIMESTAMP_AFTER_MAX_MS, Long.toString(Long.MAX_VALUE),
              "retention.ms", "-1");
          topics.create(FlightsRunTopics.totals(flightsSpec), FlightsRunTopics.PARTITIONS, anyTime);
          topics.create(FlightsRunTopics.hourly(flightsSpec), FlightsRunTopics.PARTITIONS, anyTime);
          if (w.engine() == Engine.KAFKA_STREAMS) {
            topics.create(FlightsRunTopics.endMarkers(flightsSpec), FlightsRunTopics.PARTITIONS, anyTime);
          }
          yield flightsSpec;
        }
      };
    }

    private void verify(Workload w, int round, WorkerSpec spec, WorkerResult result) {
      if (w.join()) {
        results.check(joins.verify(w, round, spec));
        return;
      }
      if (w.kind() == Kind.FLIGHTS) {
        results.check(flights.verify(w, round, spec));
        return;
      }
      if (w.kind() == Kind.RESTORE) {
        String diff = restore.check(spec, result, expected);
        results.check((diff == null ? "ok   " : "FAIL ") + w.label() + " round " + round + ": " + (diff == null
            ? result.records() + " changelog records restored, the changelog unchanged, "
                + expected.totals().size() + " sampled keys hold their final counts" : diff));
        return;
      }
      if (w.kind() == Kind.READ && result.records() != spec.expectedRecords()) {
        results.check("FAIL " + w.label() + " round " + round + ": read " + result.records() + " records, expected "
            + spec.expectedRecords());
      }
      if (w.kind() == Kind.PASSTHROUGH) {
        // A transactional topic's offsets also count its commit markers: read what readers see.
        long out = w.exactlyOnce() ? outputCheck.committedRecords(spec.output()) : topics.records(spec.output());
        if (out != spec.expectedRecords()) {
          results.check("FAIL " + w.label() + " round " + round + ": " + out + " output records, expected "
              + spec.expectedRecords());
        } else if (w.exactlyOnce() && round == 1) {
          results.check("ok   " + w.label() + ": " + out + " read_committed output records, one per input record");
        }
      } else if ((w.kind() == Kind.COUNT || w.kind() == Kind.WINDOWED) && round == 1) {
        // What the store cache coalesced: every engine names a changelog <job>-<store>-changelog (a
        // streams API job <job>-<job.id>-<store>-changelog).
        String store = w.kind() == Kind.COUNT ? "counts" : "windows";
        String changelog = spec.jobName() + (w.streamsApi() ? "-1-" : "-") + store + "-changelog";
        // Offsets, not a read: the compacted changelogs may already be cleaned. Under exactly-once they
        // also count one commit marker per partition per transaction.
        results.note(String.format(Locale.ROOT, "%s: %,d changelog records%s for %,d input records (round 1)",
            w.label(), topics.records(changelog), w.exactlyOnce() ? " (offsets, commit markers included)" : "",
            spec.expectedRecords()));
        String diff = outputCheck.check(spec.output(), w.kind(), expected, w.exactlyOnce());
        results.check((diff == null ? "ok   " : "FAIL ") + w.label() + ": "
            + (diff == null ? expected.totals().size() + " sampled keys, "
                + (w.kind() == Kind.COUNT ? "final counts" : "every 1 s window's count")
                + " equal the loader's expectation" + (w.exactlyOnce() ? ", each count 1..n output exactly once"
                : "") : diff));
      }
    }
  }

  /** Loads the join workloads' inputs, if any runs: the table, the join's two sides. */
  private JoinCheck loadJoinInputs(String bootstrap, Topics topics, Expected expected, long eventTimeBase) {
    if (settings.workloads().stream().noneMatch(Workload::join)) {
      return null;
    }
    DataSpec data = settings.data();
    JoinInputLoader loader = new JoinInputLoader(bootstrap);
    if (settings.workloads().stream().anyMatch(w -> w.kind() == Kind.ENRICH)) {
      topics.create(JoinPayloads.TABLE, data.partitions(), Map.of("cleanup.policy", "compact"));
      loader.loadTable(JoinPayloads.TABLE, data, eventTimeBase);
    }
    JoinInputLoader.JoinTruth truth = null;
    if (settings.workloads().stream().anyMatch(w -> w.kind() == Kind.JOIN)) {
      topics.create(JoinPayloads.LEFT, data.partitions());
      topics.create(JoinPayloads.RIGHT, data.partitions());
      truth = loader.loadJoin(JoinPayloads.LEFT, JoinPayloads.RIGHT, data, eventTimeBase);
    }
    results.note(String.format(Locale.ROOT, "join workloads: %s%s%s", settings.workloads().stream()
            .anyMatch(w -> w.kind() == Kind.ENRICH) ? String.format(Locale.ROOT, "enrichment of the input with a table"
            + " of %,d rows ('%s', compacted, one %d-byte row per key, timestamped before the input; read first by"
            + " every engine), inner join, one output per input record", data.keys(), JoinPayloads.TABLE,
            JoinPayloads.TABLE_VALUE_BYTES) : "",
        truth != null && settings.workloads().stream().anyMatch(w -> w.kind() == Kind.ENRICH) ? "; " : "",
        truth == null ? "" : String.format(Locale.ROOT, "windowed inner join of '%s' and '%s' (%,d records each, the"
            + " input's keys and event-time density, other key draws), window +/- %d ms, grace %d ms: %,d pairs;"
            + " Strand's buffers and Kafka Streams' window stores are RocksDB with changelogs, the raw loop's"
            + " HashMaps", JoinPayloads.LEFT, JoinPayloads.RIGHT, data.records(), JoinPayloads.WINDOW_MS,
            JoinPayloads.GRACE_MS, truth.pairs())));
    return new JoinCheck(bootstrap, expected, truth);
  }

  private void probeStrandStores(String bootstrap, Topics topics, WorkerLauncher launcher, Path state)
      throws InterruptedException {
    boolean wanted = settings.workloads().stream().anyMatch(w -> w.engine() == Engine.STRAND && w.stateful());
    if (!wanted) {
      return;
    }
    String input = "bench-probe-input";
    DataSpec tiny = new DataSpec(2_000, 100, 0, settings.data().valueBytes(), 2, 1_000, 7);
    topics.create(input, tiny.partitions());
    Expected expected = new InputLoader(bootstrap).load(input, tiny, eventTimeBase());
    topics.create("bench-probe-out", tiny.partitions());
    WorkerSpec spec = new WorkerSpec(Workload.STRAND_COUNT, bootstrap, input, "bench-probe-out", "bench-probe", "",
        state.resolve("bench-probe"), tiny.records(), false, settings.storeCache());
    WorkerResult r = launcher.start(spec, "probe-STRAND_COUNT", List.of()).await(120_000);
    String diff = r.ok() ? new OutputCheck(bootstrap).check("bench-probe-out", Kind.COUNT, expected) : null;
    if (r.ok() && diff == null) {
      LOG.info("Strand store probe: TaskContext.getStore works; stateful Strand workloads will run");
    } else {
      String why = r.ok() ? "the probe job counted wrong: " + diff : "store integration not available ("
          + r.failure() + ")";
      LOG.warn("Strand store probe failed: {}; Strand's stateful rows say 'not available'", why);
      for (Workload w : Workload.values()) {
        if (w.engine() == Engine.STRAND && w.stateful()) {
          results.unavailable(w, why);
        }
      }
    }
    topics.deleteMatching(List.of("bench-probe"));
  }

  /** Event time starts at a whole second, so window boundaries are the same in every engine. */
  private static long eventTimeBase() {
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
