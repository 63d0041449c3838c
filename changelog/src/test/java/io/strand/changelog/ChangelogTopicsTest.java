package io.strand.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.changelog.topic.ChangelogTopics;
import io.strand.changelog.topic.ChangelogValidationException;
import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.TopicSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RealKafka
class ChangelogTopicsTest {

  private static final List<TaskStorage> TWO_TASKS = List.of(new TaskStorage(new TaskName("Partition 0"), 0),
      new TaskStorage(new TaskName("Partition 1"), 1));

  @TempDir
  Path dir;

  @Test
  void aBareSystemNameCreatesTheDefaultTopicCompactedWithOnePartitionPerTask(KafkaCluster kafka) throws Exception {
    String job = kafka.uniqueTopic("bare");
    Map<String, String> m = TestConfigs.job(job, kafka.bootstrapServers());
    m.put("job.id", "7");
    m.put("task.commit.ms", "600000");
    TestConfigs.store(m, "stats", "io.strand.kv.RocksDbStoreFactory", "kafka");
    try (TestContainer c = new TestContainer(kafka, Config.of(m), dir, TWO_TASKS, 4)) {
      c.storage.validateOrCreateChangelogs(4);
      c.storage.validateOrCreateChangelogs(4); // existing and valid: accepted
    }
    String topic = job + "-7-stats-changelog";
    try (Admin admin = kafka.client().admin()) {
      assertEquals(4, admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
          .partitions().size());
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      var config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
      assertEquals("compact", config.get("cleanup.policy").value());
      assertEquals(Long.toString(ChangelogTopics.minCompactionLagMs(600_000)), config.get("min.compaction.lag.ms").value());
      assertEquals("6000000", config.get("min.compaction.lag.ms").value(), "10 commit intervals, above the 1 h floor");
    }
  }

  @Test
  void aStoreWithRetentionGetsACompactedTopicThatAlsoDeletesByTime(KafkaCluster kafka) throws Exception {
    String job = kafka.uniqueTopic("retained");
    Map<String, String> m = TestConfigs.job(job, kafka.bootstrapServers());
    TestConfigs.store(m, "buffer", "io.strand.kv.RocksDbStoreFactory", "kafka");
    m.put("stores.buffer.changelog.retention.ms", "90000000");
    try (TestContainer c = new TestContainer(kafka, Config.of(m), dir, TWO_TASKS, 2)) {
      c.storage.validateOrCreateChangelogs(2);
      c.storage.validateOrCreateChangelogs(2); // existing and valid: accepted
    }
    String topic = job + "-1-buffer-changelog";
    try (Admin admin = kafka.client().admin()) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      var config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
      assertEquals("compact,delete", config.get("cleanup.policy").value());
      assertEquals("90000000", config.get("retention.ms").value());
    }
  }

  @Test
  void aTopicThatIsNotCompactedStopsTheContainer(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("plain");
    kafka.client().createTopic(TopicSpec.of(topic, 2));
    ChangelogValidationException e = failsWith(kafka, topic);
    assertTrue(e.getMessage().contains(topic) && e.getMessage().contains("not compacted"), e.getMessage());
  }

  @Test
  void aTopicWithTooFewPartitionsStopsTheContainer(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("narrow");
    kafka.client().createTopic(TopicSpec.of(topic, 1).compacted());
    ChangelogValidationException e = failsWith(kafka, topic);
    assertTrue(e.getMessage().contains(topic) && e.getMessage().contains("1 partition(s) but the job has 2 tasks"),
        e.getMessage());
  }

  @Test
  void twoStoresCannotShareATopic(KafkaCluster kafka) {
    Map<String, String> m = TestConfigs.job("shared", kafka.bootstrapServers());
    TestConfigs.store(m, "a", "io.strand.kv.RocksDbStoreFactory", "kafka.same");
    TestConfigs.store(m, "b", "io.strand.kv.RocksDbStoreFactory", "kafka.same");
    var e = assertThrows(io.strand.config.ConfigException.class,
        () -> new TestContainer(kafka, Config.of(m), dir, TWO_TASKS, 2));
    assertTrue(e.getMessage().contains("another store also uses"), e.getMessage());
  }

  private ChangelogValidationException failsWith(KafkaCluster kafka, String topic) {
    Config config = TestConfigs.rocks("invalid", kafka.bootstrapServers(), "s", "kafka." + topic);
    try (TestContainer c = new TestContainer(kafka, config, dir, TWO_TASKS, 2)) {
      return assertThrows(ChangelogValidationException.class, () -> c.storage.validateOrCreateChangelogs(2));
    }
  }
}
