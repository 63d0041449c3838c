package io.strand.nexmark.kstreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.nexmark.engine.EngineWorker;
import io.strand.nexmark.engine.QuickCheck;
import io.strand.nexmark.engine.WorkerResult;
import io.strand.nexmark.generator.EventGenerator;
import io.strand.nexmark.generator.GeneratorConfig;
import io.strand.nexmark.generator.NexmarkTopicAdmin;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.NexmarkJson;
import io.strand.nexmark.query.NexmarkResults;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.ReferenceResults;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kstreams} engine on the real broker, as the harness runs it: generated topics (8
 * partitions each, markers included), one {@link EngineWorker} JVM per query, both at once, two
 * stream threads each; each output must equal the truth. Q8 and Q11 go through the exchange with
 * 8 partitions (Q8 also joins it with a source topic), so the order-keeping merge, the markers'
 * multicast and the end-of-input detection are all on the path. The workers are told how many
 * results to wait for, so that a loaded machine does not end a run early.
 */
@RealKafka
class KafkaStreamsEngineTest {

  /** 60 s of event time: several windows and sessions close before the markers. */
  private static final GeneratorConfig CONFIG =
      new GeneratorConfig(6_000, 31, GeneratorConfig.DEFAULT_BASE_TIME_MS, 10_000, 0);
  /** A deadline only: on a quiet machine each worker takes a few seconds (Kafka Streams' start most of it). */
  private static final long WORKER_DEADLINE_S = 240;
  private static final List<Query> QUERIES = List.of(Query.Q8, Query.Q11);

  @Test
  void workersRunQueriesOnTheBrokerToTheTruth(KafkaCluster kafka, @TempDir Path work) throws Exception {
    try (Admin admin = kafka.client().admin()) {
      NexmarkTopicAdmin.recreate(admin, QUERIES.stream().map(q -> q.outputTopic("kstreams")).toList());
    }
    // QuickCheck's generation: the input topics recreated, and generated again should sends hang.
    List<Event> events = QuickCheck.generate(kafka.bootstrapServers(), CONFIG);
    long bids = events.stream().filter(e -> e instanceof Bid).count();

    Map<Query, Process> workers = new LinkedHashMap<>();
    Map<Query, NexmarkResults.Results> truth = new LinkedHashMap<>();
    for (Query q : QUERIES) {
      truth.put(q, ReferenceResults.compute(q, events));
      long inputs = q.inputs().size() == 1 ? bids : events.size() - bids;
      workers.put(q, worker(kafka.bootstrapServers(), q, inputs, truth.get(q).size(), work));
    }
    try {
      for (Map.Entry<Query, Process> w : workers.entrySet()) {
        Query q = w.getKey();
        Process process = w.getValue();
        assertTrue(process.waitFor(WORKER_DEADLINE_S, TimeUnit.SECONDS), q.id() + ": the worker finishes; stderr:\n"
            + tail(work.resolve(q.id() + ".err")));
        assertEquals(0, process.exitValue(), q.id() + " worker output:\n"
            + Files.readString(work.resolve(q.id() + ".out"), StandardCharsets.UTF_8) + tail(work.resolve(q.id() + ".err")));
      }
    } finally {
      workers.values().forEach(Process::destroyForcibly);
    }
    for (Query q : QUERIES) {
      String out = Files.readString(work.resolve(q.id() + ".out"), StandardCharsets.UTF_8);
      WorkerResult result = out.lines().filter(l -> l.startsWith(WorkerResult.PREFIX))
          .map(l -> NexmarkJson.read(l.substring(WorkerResult.PREFIX.length()).getBytes(StandardCharsets.UTF_8),
              WorkerResult.class)).findFirst().orElseThrow();
      assertTrue(result.ok(), result.toString());

      NexmarkResults.Results actual = NexmarkResults.read(kafka.bootstrapServers(), q.outputTopic("kstreams"), q,
          Duration.ofSeconds(30));
      NexmarkResults.Results wanted = truth.get(q);
      assertTrue(wanted.size() > 10, q.id() + " has results to compare");
      assertEquals(List.of(), NexmarkResults.differences(actual, wanted, 10),
          q.id() + ": " + actual.size() + " results against " + wanted.size() + "; worker: " + result);
      assertEquals(actual.records(), result.outputRecords(), "the worker counted the output");
    }
  }

  private static String tail(Path file) throws java.io.IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  private static Process worker(String bootstrap, Query q, long inputRecords, long outputs, Path work)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        EngineWorker.class.getName(), "--engine", "kstreams", "--query", q.id(), "--bootstrap-servers", bootstrap,
        "--run-id", "it-" + q.id() + "-" + System.nanoTime(), "--work-dir", work.resolve(q.id()).toString(),
        "--parallelism", "2", "--input-records", Long.toString(inputRecords), "--quiet-ms", "1000",
        "--expected-outputs", Long.toString(outputs),
        "--max-auction-duration-ms", Long.toString(EventGenerator.maxAuctionDurationMs(CONFIG)),
        "--timeout-s", Long.toString(WORKER_DEADLINE_S - 20));
    return new ProcessBuilder(command)
        .redirectOutput(work.resolve(q.id() + ".out").toFile())
        .redirectError(work.resolve(q.id() + ".err").toFile())
        .start();
  }
}
