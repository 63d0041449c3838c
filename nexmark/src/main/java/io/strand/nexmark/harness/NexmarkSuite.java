package io.strand.nexmark.harness;

import io.strand.benchmarks.report.Machine;
import io.strand.nexmark.engine.EngineWorker;
import io.strand.nexmark.engine.WorkerResult;
import io.strand.nexmark.generator.GeneratorConfig;
import io.strand.nexmark.generator.EventGenerator;
import io.strand.nexmark.generator.NexmarkGenerator;
import io.strand.nexmark.generator.NexmarkTopicAdmin;
import io.strand.nexmark.latency.InputAppends;
import io.strand.nexmark.latency.LatencyFigures;
import io.strand.nexmark.latency.ResultTriggers;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.NexmarkTopics;
import io.strand.nexmark.query.NexmarkResults;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.ReferenceResults;
import io.strand.testkit.kafka.BrokerMode;
import io.strand.testkit.kafka.BrokerSettings;
import io.strand.testkit.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the suite: a broker in its own JVM (time retention off: event times lie in the past), the
 * generation written once, then per round, per query, every engine in its own fresh worker JVM
 * (the engine order rotated each round), its output compared with the other engines' (and with the
 * model answer for small generations). Not thread-safe; one run per instance.
 */
final class NexmarkSuite {

  private static final Logger LOG = LoggerFactory.getLogger(NexmarkSuite.class);
  private static final long RUN_TIMEOUT_S = 1_800;
  private static final int DIFFERENCES_SHOWN = 10;
  /** Up to this many events, results are compared as text (differences show records), beyond as digests. */
  private static final long TEXT_LIMIT = 500_000;

  private final SuiteSettings settings;
  private final List<RunRecord> runs = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final List<LatencyRecord> latencies = new ArrayList<>();

  /**
   * One latency run.
   *
   * @param query the query
   * @param engine the engine
   * @param rate offered load, events/s
   * @param status the worker's status
   * @param latency what the probe measured
   * @param generatorBehindMs how far the generator fell behind its schedule at most, ms
   */
  record LatencyRecord(Query query, String engine, long rate, String status, LatencyFigures latency,
      long generatorBehindMs) {
  }

  List<LatencyRecord> latencies() {
    return latencies;
  }

  NexmarkSuite(SuiteSettings settings) {
    this.settings = settings;
  }

  List<RunRecord> runs() {
    return runs;
  }

  List<String> notes() {
    return notes;
  }

  /** Failures and disagreements; empty when the suite passed. */
  List<String> problems() {
    return problems;
  }

  void run() throws IOException, InterruptedException {
    Path logs = Files.createDirectories(settings.outDir().resolve("workers"));
    Path state = Files.createDirectories(settings.outDir().resolve("state"));
    BrokerSettings broker = BrokerSettings.defaults().withMode(BrokerMode.CHILD_JVM)
        .withChildHeapMb(settings.brokerHeapMb()).withStartupTimeout(Duration.ofSeconds(120))
        .withProperty("log.retention.ms", "-1");
    notes.add("load average (1 / 5 / 15 min) at the start: " + Machine.loadAverage());
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(broker)) {
      String bootstrap = kafka.bootstrapServers();
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        NexmarkTopicAdmin.recreateInputs(admin);
        NexmarkGenerator.Generated g = NexmarkGenerator.generate(bootstrap, settings.generator(), settings.format());
        notes.add(String.format("generation: %,d events (%,d persons, %,d auctions, %,d bids), seed %d, %d us of event"
                + " time per event, %s values, written in %.1f s", g.events(), g.persons(), g.auctions(), g.bids(),
            settings.generator().seed(), settings.generator().interEventDelayUs(),
            settings.format().name().toLowerCase(java.util.Locale.ROOT), g.elapsedMs() / 1000.0));
        List<Event> events = settings.generator().events() <= settings.compareLimit()
            ? events(settings.generator()) : null;
        for (int round = 1; round <= settings.rounds(); round++) {
          for (Query q : settings.queries()) {
            runQuery(admin, bootstrap, logs, state, round, q, inputRecords(q, g), events);
          }
        }
        if (settings.latencyRate() > 0) {
          GeneratorConfig live = liveGeneration();
          List<Event> liveEvents = events(live);
          for (Query q : settings.queries()) {
            if (ResultTriggers.PROBED.contains(q)) {
              // The worker waits for the model answer's count (as in the rounds): a windowed result
              // may reach the output well after the last marker.
              long expected = ReferenceResults.compute(q, liveEvents, NexmarkResults.Detail.DIGEST).size();
              for (String engine : settings.engines()) {
                runLatency(admin, bootstrap, logs, state, q, engine, live, expected);
              }
            }
          }
        }
      }
    }
    notes.add("load average (1 / 5 / 15 min) at the end: " + Machine.loadAverage());
  }

  private void runQuery(Admin admin, String bootstrap, Path logs, Path state, int round, Query q, long inputs,
      List<Event> events) throws IOException, InterruptedException {
    List<String> order = rotated(settings.engines(), round - 1);
    Map<String, NexmarkResults.Results> outputs = new LinkedHashMap<>();
    Map<String, WorkerResult> results = new LinkedHashMap<>();
    NexmarkResults.Detail detail = settings.generator().events() <= TEXT_LIMIT ? NexmarkResults.Detail.TEXT
        : NexmarkResults.Detail.DIGEST;
    NexmarkResults.Results reference = events == null ? null : ReferenceResults.compute(q, events, detail);
    for (String engine : order) {
      String classpath = settings.classpaths().get(engine);
      if (classpath == null) {
        results.put(engine, WorkerResult.notRun(engine, q.id(), "absent", "no class path for engine " + engine));
        continue;
      }
      String output = q.outputTopic(engine);
      NexmarkTopicAdmin.recreate(admin, List.of(output));
      String runId = "r" + round + "-" + engine;
      List<String> args = workerArgs(bootstrap, state, engine, q, runId, inputs,
          EventGenerator.maxAuctionDurationMs(settings.generator()), reference == null ? 0 : reference.size());
      LOG.info("round {}: {} on {} ...", round, q.id(), engine);
      List<String> jvm = settings.jfr() && round == 1
          // DebugNonSafepoints: samples name the inlined frame that ran, not the nearest safepoint's.
          ? List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints",
              "-XX:StartFlightRecording=filename=" + logs.resolve(q.id() + "-" + engine + ".jfr")
              + ",settings=profile,dumponexit=true,jdk.Compilation#threshold=0ms")
          : List.of();
      WorkerResult r = new WorkerLauncher(logs, settings.workerHeapMb())
          .run(classpath, q.id() + "-" + runId, engine, q.id(), jvm, args, RUN_TIMEOUT_S);
      results.put(engine, r);
      if (r.ok()) {
        LOG.info("round {}: {} on {}: {} records/s, {} us CPU per record, {} outputs", round, q.id(), engine,
            Math.round(r.recordsPerSecond()), String.format("%.2f", r.cpuNsPerRecord() / 1000), r.outputRecords());
        outputs.put(engine, NexmarkResults.read(bootstrap, output, q, Duration.ofMinutes(5), detail));
      } else if (!"absent".equals(r.status())) {
        problems.add("round " + round + ": " + q.id() + " on " + engine + " " + r.status() + ": " + r.message());
        LOG.warn("round {}: {} on {} {}: {}", round, q.id(), engine, r.status(), r.message());
      }
    }
    Map<String, String> agreement = compare(round, q, outputs, reference);
    for (String engine : settings.engines()) {
      runs.add(new RunRecord(round, results.get(engine), agreement.getOrDefault(engine, "-")));
    }
  }

  private List<String> workerArgs(String bootstrap, Path state, String engine, Query q, String runId, long inputs,
      long maxAuctionMs, long expectedOutputs) {
    return List.of("--engine", engine, "--query", q.id(), "--bootstrap-servers", bootstrap,
        "--run-id", runId, "--work-dir", state.resolve(q.id() + "-" + runId).toString(),
        "--parallelism", Integer.toString(settings.parallelism()), "--input-records", Long.toString(inputs),
        "--max-auction-duration-ms", Long.toString(maxAuctionMs), "--timeout-s", Long.toString(RUN_TIMEOUT_S),
        "--expected-outputs", Long.toString(expectedOutputs));
  }

  /**
   * One latency run: the engine started on empty topics, then the generation at the fixed rate
   * (event time advancing with wall-clock time), its results' latency probed as they appear.
   */
  private void runLatency(Admin admin, String bootstrap, Path logs, Path state, Query q, String engine,
      GeneratorConfig live, long expectedOutputs) throws IOException, InterruptedException {
    String classpath = settings.classpaths().get(engine);
    if (classpath == null) {
      return;
    }
    long rate = settings.latencyRate();
    NexmarkTopicAdmin.recreateInputs(admin);
    String output = q.outputTopic(engine);
    // The broker stamps each result with its append time, whatever timestamp the engine sets.
    NexmarkTopicAdmin.recreate(admin, List.of(output),
        Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, TimestampType.LOG_APPEND_TIME.name));
    ResultTriggers triggers = new ResultTriggers(q, live);
    InputAppends appends = new InputAppends(live.events(), NexmarkTopics.all(), NexmarkTopics.PARTITIONS,
        System::currentTimeMillis);
    String runId = "latency-" + engine;
    long inputs = 0;
    for (String topic : q.inputs()) {
      long n = live.events();
      inputs += switch (topic) {
        case NexmarkTopics.PERSON -> n / 50;
        case NexmarkTopics.AUCTION -> n * 3 / 50;
        default -> n * 46 / 50;
      };
    }
    LOG.info("latency: {} on {} at {} events/s ...", q.id(), engine, rate);
    WorkerLauncher.Worker worker = new WorkerLauncher(logs, settings.workerHeapMb()).start(classpath,
        q.id() + "-" + runId, engine, q.id(), List.of(),
        workerArgs(bootstrap, state, engine, q, runId, inputs, EventGenerator.maxAuctionDurationMs(live),
            expectedOutputs));
    if (!worker.awaitLine(EngineWorker.READY, 300)) {
      WorkerResult r = worker.await(60);
      if (!"absent".equals(r.status())) {
        problems.add("latency: " + q.id() + " on " + engine + " did not start: " + r.message());
      }
      return;
    }
    try (LatencyProbe probe = new LatencyProbe(bootstrap, output, q);
         Producer<byte[], byte[]> producer = new KafkaProducer<>(NexmarkGenerator.producerProperties(bootstrap))) {
      probe.start();
      long start = System.nanoTime() + 100_000_000L;
      long startMs = System.currentTimeMillis() + 100;
      NexmarkGenerator.Generated g = NexmarkGenerator.generate(producer, live, start, settings.format(), appends);
      WorkerResult r = worker.await(RUN_TIMEOUT_S);
      LatencyFigures latency = probe.finish(triggers, appends, startMs);
      latencies.add(new LatencyRecord(q, engine, rate, r.ok() ? "ok" : r.status(), latency, g.maxBehindMs()));
      LOG.info("latency: {} on {}: p50 {} ms, p99 {} ms, p99.9 {} ms, min {} ms over {} results ({} early, {} unmatched, {} in the"
          + " warm-up; generator at most {} ms behind)", q.id(), engine, latency.p50Ms(), latency.p99Ms(),
          latency.p999Ms(), latency.minMs(), latency.count(), latency.early(), latency.unmatched(), latency.warmUp(),
          g.maxBehindMs());
      if (latency.unmatched() > 0) {
        problems.add("latency: " + q.id() + " on " + engine + ": " + latency.unmatched()
            + " results match no input event");
      }
      if (!r.ok()) {
        problems.add("latency: " + q.id() + " on " + engine + " " + r.status() + ": " + r.message());
      }
    }
  }

  /** The latency phase's generation: event time follows wall-clock time at the offered rate. */
  private GeneratorConfig liveGeneration() {
    long rate = settings.latencyRate();
    return new GeneratorConfig(rate * settings.latencySeconds(), settings.generator().seed(),
        GeneratorConfig.DEFAULT_BASE_TIME_MS, Math.max(1, 1_000_000 / rate), rate);
  }

  /** Each engine's output against the first engine's (and the model answer's, when there is one). */
  private Map<String, String> compare(int round, Query q, Map<String, NexmarkResults.Results> outputs,
      NexmarkResults.Results reference) {
    Map<String, String> agreement = new LinkedHashMap<>();
    NexmarkResults.Results base = reference != null ? reference : outputs.values().stream().findFirst().orElse(null);
    if (base == null) {
      return agreement;
    }
    for (Map.Entry<String, NexmarkResults.Results> e : outputs.entrySet()) {
      List<String> diffs = NexmarkResults.differences(base, e.getValue(), DIFFERENCES_SHOWN);
      agreement.put(e.getKey(), diffs.isEmpty() ? "same" : "DIFFERS");
      if (!diffs.isEmpty()) {
        String what = String.format("round %d: %s on %s differs from %s in %,d results (%,d vs %,d); first:%n  %s",
            round, q.id(), e.getKey(), base.topic(), NexmarkResults.differenceCount(base, e.getValue()), base.size(),
            e.getValue().size(), String.join("\n  ", diffs));
        problems.add(what);
        LOG.error(what);
      }
    }
    return agreement;
  }

  private static List<Event> events(GeneratorConfig config) {
    EventGenerator generator = new EventGenerator(config);
    List<Event> events = new ArrayList<>();
    for (long n = 0; n < config.events(); n++) {
      events.add(generator.event(n));
    }
    return events;
  }

  private static long inputRecords(Query q, NexmarkGenerator.Generated g) {
    long n = 0;
    for (String topic : q.inputs()) {
      n += switch (topic) {
        case NexmarkTopics.PERSON -> g.persons();
        case NexmarkTopics.AUCTION -> g.auctions();
        default -> g.bids();
      };
    }
    return n;
  }

  private static List<String> rotated(List<String> list, int by) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(list.get((i + by) % list.size()));
    }
    return out;
  }
}
