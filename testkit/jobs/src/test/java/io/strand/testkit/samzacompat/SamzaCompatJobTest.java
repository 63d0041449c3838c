package io.strand.testkit.samzacompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.runner.JobStatus;
import io.strand.serializers.MetricsSnapshotSerdeFactory;
import io.strand.serializers.Serde;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samza 1.x jobs moved by imports and one {@code sed} over their properties file, run end to end
 * on the real broker: a {@code TaskApplication} with Kafka descriptors ({@code app.class}), and a
 * hello-samza style properties file naming {@code task.class} and Samza's factory classes.
 */
@RealKafka
class SamzaCompatJobTest {

  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @Test
  void aTaskApplicationWithKafkaDescriptorsRunsWithThePropertiesFileOverridingItsOffsetDefault(KafkaCluster kafka,
      @TempDir Path dir) throws Exception {
    Topics t = Topics.create(kafka, "app");
    int closedBefore = WordCountTask.CLOSED.get();

    Config config = SamzaJobs.load(SamzaJobs.ported("word-count-app.properties"), t.placeholders(dir), dir);

    assertEquals("kafka." + t.input, config.get("task.inputs").orElseThrow(), "the input descriptor's task.inputs");
    assertEquals("io.strand.system.kafka.KafkaSystemFactory", config.get("systems.kafka.samza.factory").orElseThrow());
    assertEquals("oldest", config.get("systems.kafka.streams." + t.input + ".samza.offset.default").orElseThrow(),
        "the properties file's key wins over the descriptor's UPCOMING");
    assertEquals("string", config.get("systems.kafka.streams." + t.output + ".samza.msg.serde").orElseThrow());
    assertEquals("kafka", config.get("job.default.system").orElseThrow());
    assertTrue(config.sourceOf("task.inputs").startsWith("app.class "), config.sourceOf("task.inputs"));

    JobStatus status = SamzaJobs.runUntil(config, () -> t.complete(kafka.client()), DEADLINE);

    t.assertResults(kafka.client(), status);
    assertEquals(closedBefore + 1, WordCountTask.CLOSED.get(), "close() ran once, on the graceful stop");
  }

  @Test
  void aHelloSamzaStylePropertiesFilePortedWithSedRunsTheSameTask(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    Topics t = Topics.create(kafka, "props");
    String ported = SamzaJobs.ported("word-count.properties");
    assertTrue(!ported.contains("org.apache.samza"), ported);

    Config config = SamzaJobs.load(ported, t.placeholders(dir), dir);
    assertEquals("io.strand.serializers.MetricsSnapshotSerdeFactory",
        config.get("serializers.registry.metrics.class").orElseThrow());
    JobStatus status = SamzaJobs.runUntil(config, () -> t.complete(kafka.client()), DEADLINE);

    t.assertResults(kafka.client(), status);
    assertSnapshots(kafka.client(), t.metrics, config);
  }

  /**
   * The snapshot reporter's records, read back with the serde the ported file names for the
   * stream: the task's last snapshot holds its counter at one per word, and the blacklisted
   * container meters are in none.
   */
  @SuppressWarnings("unchecked")
  private static void assertSnapshots(KafkaTestClient client, String topic, Config config) {
    Serde<Map<String, Object>> serde =
        new MetricsSnapshotSerdeFactory().getSerde("metrics", config);
    Map<String, Object> lastOfTask = null;
    for (ConsumerRecord<String, String> r : client.readAll(topic)) {
      Map<String, Object> snapshot = serde.fromBytes(r.value().getBytes(StandardCharsets.UTF_8));
      Map<String, Object> metrics = (Map<String, Object>) snapshot.get("metrics");
      assertTrue(metrics.keySet().stream().noneMatch(g -> g.startsWith("strand.container") || g.startsWith("strand.rocksdb")),
          () -> "blacklisted groups sent: " + metrics.keySet());
      if ("TaskName-Partition 0".equals(((Map<String, Object>) snapshot.get("header")).get("source"))) {
        lastOfTask = metrics;
      }
    }
    assertTrue(lastOfTask != null, "a snapshot of task Partition 0");
    assertEquals(SamzaJobs.WORDS.size(),
        ((Number) ((Map<String, Object>) lastOfTask.get(WordCountTask.class.getName())).get("words")).intValue(),
        lastOfTask::toString);
    assertEquals(SamzaJobs.WORDS.size(),
        ((Number) ((Map<String, Object>) lastOfTask.get("strand.task")).get("messages.processed")).intValue(),
        lastOfTask::toString);
  }

  /** One run's topics, input produced before the job starts. */
  private record Topics(String job, String input, String output, String windows, String metrics, String bootstrap) {

    static Topics create(KafkaCluster kafka, String label) {
      String input = kafka.uniqueTopic("samza-" + label + "-words");
      Topics t = new Topics("samza-compat-" + input, input, input + "-counts", input + "-windows",
          input + "-metrics", kafka.bootstrapServers());
      KafkaTestClient client = kafka.client();
      client.createTopic(t.input, 1);
      client.createTopic(t.output, 1);
      client.createTopic(t.windows, 1);
      client.createTopic(t.metrics, 1);
      for (String word : SamzaJobs.WORDS) {
        client.produce(t.input, 0, null, word);
      }
      return t;
    }

    Map<String, String> placeholders(Path dir) {
      return Map.of("JOB", job, "INPUT", input, "OUTPUT", output, "WINDOWS", windows, "METRICS", metrics,
          "BOOTSTRAP", bootstrap, "STORE_DIR", dir.resolve("stores").toString());
    }

    /** Every word counted, and a window has reported the task counter at 6. */
    boolean complete(KafkaTestClient client) {
      return SamzaJobs.values(client, output).size() >= SamzaJobs.WORDS.size()
          && SamzaJobs.values(client, windows).contains(String.valueOf(SamzaJobs.WORDS.size()));
    }

    void assertResults(KafkaTestClient client, JobStatus status) {
      assertEquals(JobStatus.State.KILLED, status.state(), status::toString);
      SamzaJobs.assertSameWordCounts(SamzaJobs.values(client, output));
      List<ConsumerRecord<String, String>> windowRecords = client.readAll(windows);
      assertTrue(windowRecords.stream().allMatch(r -> "Partition 0".equals(r.key())), windowRecords::toString);
      List<Long> counted = windowRecords.stream().map(r -> Long.parseLong(r.value())).toList();
      assertTrue(counted.stream().allMatch(n -> n >= 0 && n <= SamzaJobs.WORDS.size()), counted::toString);
      assertEquals(SamzaJobs.WORDS.size(), counted.get(counted.size() - 1),
          "the task counter, reported by window(), ends at one per word");
      Map<String, Integer> store = new java.util.TreeMap<>();
      for (ConsumerRecord<String, Integer> r : client.readAll(job + "-word-counts-changelog", new StringDeserializer(),
          new IntegerDeserializer(), Map.of())) {
        store.put(r.key(), r.value());
      }
      assertEquals(Map.of("to", 2, "be", 2, "or", 1, "not", 1), store, "the store's changelog");
    }
  }
}
