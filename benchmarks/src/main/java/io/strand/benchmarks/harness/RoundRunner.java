package io.strand.benchmarks.harness;

import io.strand.benchmarks.data.Expected;
import io.strand.benchmarks.data.JoinPayloads;
import io.strand.benchmarks.flights.FlightsRunTopics;
import io.strand.benchmarks.measure.RunningWorker;
import io.strand.benchmarks.measure.WorkerLauncher;
import io.strand.benchmarks.measure.WorkerResult;
import io.strand.benchmarks.report.Measurement;
import io.strand.benchmarks.report.SuiteResults;
import io.strand.benchmarks.workload.Engine;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.SuiteSettings;
import io.strand.benchmarks.workload.WorkerSpec;
import io.strand.benchmarks.workload.Workload;
import io.strand.samples.flights.FlightTopics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every workload once per round, in {@link Workload} order, each in a fresh JVM, and checks
 * its outputs.
 *
 * <p>Threading: the harness thread.
 */
final class RoundRunner {

  private static final Logger LOG = LoggerFactory.getLogger(Suite.class);
  private static final long RUN_TIMEOUT_MS = 10 * 60_000;

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
          && (w.engine() == Engine.STRAND || w.engine() == Engine.STRAND_APP || w.kind() == Kind.FLIGHTS
              || w.engine() == Engine.RAW && w.join())) {
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
          round, w.label(), Suite.fmt(result.recordsPerSecond()), result.records(), Suite.fmt2(result.elapsedNanos() / 1e9),
          Suite.fmt2(result.jobCpuNanos() / 1e9), Suite.fmt2(result.brokerCpuNanos() / 1e9), result.peakRssKb() / 1024);
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
        yield new WorkerSpec(w, bootstrap, enrich ? Suite.INPUT : JoinPayloads.LEFT, job + "-out", job, "", dir,
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
