package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strand.config.Config;
import io.strand.config.view.JobConfig;
import io.strand.container.query.KeyLocation;
import io.strand.container.query.QueryEndpoint;
import io.strand.container.query.QuerySettings;
import io.strand.container.query.QueryableState;
import io.strand.container.query.http.QueryClient;
import io.strand.container.runner.ProcessJob;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.query.ReadOnlyKeyValueStore;
import io.strand.storage.query.StoreUnavailableException;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queryable state on the real broker with real RocksDB stores: the {@code CountingTask} job counts
 * words produced with Kafka's default partitioner (so each word's partition is the one the locator
 * computes); while the job runs, every word is asked over HTTP through the locator from one client
 * and must equal the count computed here. Process runner: two container JVMs, so a key reaches its
 * owner only if the locator and the endpoints in the coordinator topic are right. Thread runner:
 * the same through the in-JVM view, with HTTP off.
 */
@RealKafka
class QueryableStateTest {

  private static final int PARTITIONS = 4;
  private static final int WORDS = 300;
  private static final long DEADLINE_S = 180;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path workDir;

  /** Produces 3,000 words (300 distinct) with the default partitioner; returns the true counts. */
  private static Map<String, String> produceWords(KafkaCluster kafka, String topic) {
    Map<String, Long> counts = new HashMap<>();
    Random random = new Random(16);
    try (KafkaProducer<String, String> producer = kafka.client().stringProducer()) {
      for (int i = 0; i < 3_000; i++) {
        String word = "w" + random.nextInt(WORDS) + (i % 7 == 0 ? " x" : ""); // some keys with a space
        producer.send(new ProducerRecord<>(topic, word, word));
        counts.merge(word, 1L, Long::sum);
      }
      producer.flush();
    }
    Map<String, String> expected = new TreeMap<>();
    counts.forEach((k, v) -> expected.put(k, String.valueOf(v)));
    return expected;
  }

  private static CountingJob job(KafkaCluster kafka, String prefix, Path workDir) {
    CountingJob job = new CountingJob(kafka, prefix, PARTITIONS, workDir);
    return job.without("systems.kafka.streams." + job.input + ".strand.bounded") // runs until killed
        .with("job.container.count", "2")
        .with("task.commit.ms", "200");
  }

  @Test
  void everyKeyAskedOverHttpThroughTheLocatorEqualsTheTrueCount(KafkaCluster kafka) throws Exception {
    CountingJob job = job(kafka, "query-http", workDir)
        .with(QuerySettings.PORT, "0")
        .with(QuerySettings.HOST, "127.0.0.1");
    Map<String, String> expected = produceWords(kafka, job.input);
    Config config = job.config(ProcessJobFactory.class.getName());
    ProcessJob processJob = new ProcessJobFactory().newJob(config);
    processJob.submit();
    try (QueryClient client = new QueryClient(config, Duration.ofSeconds(10))) {
      Map<String, String> answered = new TreeMap<>();
      Map<String, String> answeredBy = new HashMap<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
      String lastProblem = "";
      while (!answered.equals(expected) && System.nanoTime() < deadline) {
        answered.clear();
        try {
          for (String word : expected.keySet()) {
            client.get(CountingTaskStore.NAME, word).ifPresent(a -> {
              answered.put(word, a.path("value").asText());
              answeredBy.put(word, a.path("container").asText());
            });
          }
        } catch (IllegalStateException e) {
          lastProblem = e.getMessage(); // not started yet: no model or no endpoint
        }
        if (!answered.equals(expected)) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
      }
      String problem = lastProblem;
      assertEquals(expected, answered, () -> "every word's count over HTTP; last problem: " + problem + "\n"
          + TrimAfterCrashTest.log(processJob));

      // Each answer came from the container the locator named (two JVMs: no other could have it),
      // and both containers answered.
      Set<String> containers = new HashSet<>();
      Map<String, QueryEndpoint> endpoints = new HashMap<>();
      for (String word : expected.keySet()) {
        KeyLocation at = client.locate(CountingTaskStore.NAME, word);
        assertEquals(at.containerId(), answeredBy.get(word), word);
        containers.add(at.containerId());
        endpoints.put(at.containerId(), at.endpoint().orElseThrow());
      }
      assertEquals(Set.of("0", "1"), containers);
      assertTrue(client.get(CountingTaskStore.NAME, "never-counted").isEmpty(), "an absent key is a 404");

      // A container asked for a key it does not own names the owner; each container's 'all' holds
      // exactly its own tasks' keys, and together they are the whole state.
      String foreign = expected.keySet().stream().filter(w -> client.locate(CountingTaskStore.NAME, w).containerId()
          .equals("1")).findFirst().orElseThrow();
      HttpResponse<String> misdirected = get(endpoints.get("0").url().resolve("stores/counts/keys/"
          + foreign.replace(" ", "%20")));
      assertEquals(421, misdirected.statusCode(), misdirected.body());
      JsonNode owner = MAPPER.readTree(misdirected.body());
      assertEquals("1", owner.path("container").asText());
      assertEquals(endpoints.get("1").url().toString(), owner.path("url").asText());
      Map<String, String> union = new TreeMap<>();
      for (QueryEndpoint e : endpoints.values()) {
        HttpResponse<String> all = get(e.url().resolve("stores/counts/all?limit=100000"));
        assertEquals(200, all.statusCode(), all.body());
        JsonNode body = MAPPER.readTree(all.body());
        assertEquals(false, body.path("truncated").asBoolean());
        for (JsonNode entry : body.path("entries")) {
          String word = entry.path("key").asText();
          assertEquals(e.containerId(), client.locate(CountingTaskStore.NAME, word).containerId(), word);
          assertEquals(null, union.put(word, entry.path("value").asText()), "one owner per key");
        }
      }
      assertEquals(expected, union);
      HttpResponse<String> range = get(endpoints.get("0").url().resolve("stores/counts/range?from=w1&to=w2"));
      for (JsonNode entry : MAPPER.readTree(range.body()).path("entries")) {
        String word = entry.path("key").asText();
        assertTrue(word.compareTo("w1") >= 0 && word.compareTo("w2") < 0, word);
      }
      assertEquals(503, get(endpoints.get("0").url().resolve("stores/nope/keys/a")).statusCode());
      JsonNode listing = MAPPER.readTree(get(endpoints.get("1").url().resolve("stores")).body());
      assertEquals("1", listing.path("container").asText());
      assertEquals("[\"1\"]", listing.path("containersInThisJvm").toString(), "its own JVM only");
      assertEquals("[\"counts\"]", listing.path("stores").toString());
    } finally {
      processJob.kill();
      processJob.waitForFinish(60_000);
    }
  }

  @Test
  void theInJvmViewReadsEveryKeyFromItsTaskWithHttpOff(KafkaCluster kafka) throws Exception {
    CountingJob job = job(kafka, "query-jvm", workDir);
    Map<String, String> expected = produceWords(kafka, job.input);
    StreamJob threadJob = new ThreadJobFactory().getJob(job.config(ThreadJobFactory.class.getName()));
    ReadOnlyKeyValueStore<String, String> view = QueryableState.keyValueStore(job.jobName,
        JobConfig.DEFAULT_JOB_ID, CountingTaskStore.NAME);
    String word = expected.keySet().iterator().next();
    try {
      view.get(word);
      throw new AssertionError("a view of a job not started must not answer");
    } catch (StoreUnavailableException expectedFailure) {
      assertTrue(expectedFailure.getMessage().contains(job.jobName), expectedFailure.getMessage());
    }
    threadJob.submit();
    try {
      Map<String, String> read = new TreeMap<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
      while (!read.equals(expected) && System.nanoTime() < deadline) {
        read.clear();
        try {
          for (String w : expected.keySet()) {
            String v = view.get(w);
            if (v != null) {
              read.put(w, v);
            }
          }
        } catch (StoreUnavailableException e) {
          // still restoring or starting
        }
        if (!read.equals(expected)) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
        }
      }
      assertEquals(expected, read);
      Map<String, String> all = new TreeMap<>();
      try (KeyValueIterator<String, String> it = view.all()) {
        while (it.hasNext()) {
          Entry<String, String> e = it.next();
          assertEquals(null, all.put(e.getKey(), e.getValue()));
        }
      }
      assertEquals(expected, all);
      assertEquals(null, view.get("never-counted"));
      assertTrue(threadJob.statusUrl().isEmpty());
    } finally {
      threadJob.kill();
      threadJob.waitForFinish(60_000);
    }
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The store of {@code CountingTask}. */
  private static final class CountingTaskStore {
    static final String NAME = io.strand.container.testjobs.CountingTask.STORE;
  }
}
