package io.strand.container.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.container.TaskName;
import io.strand.container.job.JobIdentity;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.kafka.TestJobs;
import io.strand.system.SystemStreamPartition;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

@RealKafka
class KafkaCheckpointManagerTest {

  private static final String GROUPER = "io.strand.container.grouper.GroupByPartitionFactory";
  private static final String OTHER_GROUPER = "io.strand.container.grouper.GroupBySystemStreamPartitionFactory";

  private static SystemStreamPartition ssp(int p) {
    return new SystemStreamPartition("kafka", "flights", p);
  }

  private static Checkpoint checkpoint(int task, long offset, Map<String, Long> changelogs) {
    return new Checkpoint(new TaskName("Partition " + task),
        Map.of(ssp(task), offset, new SystemStreamPartition("kafka", "airports", task), offset * 10), changelogs);
  }

  private static KafkaCheckpointManager manager(KafkaCluster kafka, String job, String grouper) {
    Config config = TestJobs.config(kafka.bootstrapServers(), job, "flights");
    return KafkaCheckpointManager.create(CheckpointSettings.fromConfig(config), new KafkaSystems(config), grouper);
  }

  @Test
  void roundTripKeepsTheNewestCheckpointOfEveryTaskWithChangelogOffsets(KafkaCluster kafka) throws Exception {
    String job = TestJobs.uniqueJobName("ckpt-roundtrip");
    try (KafkaCheckpointManager writer = manager(kafka, job, GROUPER)) {
      writer.start();
      assertEquals(Map.of(), writer.readLastCheckpoints(), "a new topic holds no checkpoints");
      for (long commit = 1; commit <= 3; commit++) {
        for (int task = 0; task < 3; task++) {
          writer.write(checkpoint(task, commit * 100 + task, Map.of("stats", commit * 7 + task)));
        }
      }
      // Task 3 committed once with no changelog; task 2 once more, last.
      writer.write(checkpoint(3, 5, Map.of()));
      writer.write(checkpoint(2, 999, Map.of("stats", 1234L, "counts", 5L)));
    }

    Map<TaskName, Checkpoint> read;
    try (KafkaCheckpointManager reader = manager(kafka, job, GROUPER)) {
      reader.start();
      read = reader.readLastCheckpoints();
    }
    assertEquals(4, read.size(), read.toString());
    assertEquals(checkpoint(0, 300, Map.of("stats", 21L)), read.get(new TaskName("Partition 0")));
    assertEquals(checkpoint(1, 301, Map.of("stats", 22L)), read.get(new TaskName("Partition 1")));
    assertEquals(checkpoint(2, 999, Map.of("stats", 1234L, "counts", 5L)), read.get(new TaskName("Partition 2")));
    assertEquals(checkpoint(3, 5, Map.of()), read.get(new TaskName("Partition 3")));
    assertEquals(3000L, read.get(new TaskName("Partition 0")).inputOffsets()
        .get(new SystemStreamPartition("kafka", "airports", 0)));

    String topic = new JobIdentity(job, "1").checkpointTopic();
    try (Admin admin = kafka.client().admin()) {
      TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      assertEquals(1, d.partitions().size());
      ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      assertEquals("compact",
          admin.describeConfigs(List.of(r)).all().get(30, TimeUnit.SECONDS).get(r).get("cleanup.policy").value());
    }
  }

  @Test
  void recordsAreVersionedJsonKeyedByTaskAndGrouper(KafkaCluster kafka) {
    String job = TestJobs.uniqueJobName("ckpt-format");
    try (KafkaCheckpointManager m = manager(kafka, job, GROUPER)) {
      m.start();
      m.write(new Checkpoint(new TaskName("Partition 0"), Map.of(ssp(0), 41L), Map.of("stats", 17L)));
    }
    var records = kafka.client().readAll(new JobIdentity(job, "1").checkpointTopic());
    assertEquals(1, records.size());
    assertEquals("{\"version\":1,\"type\":\"checkpoint\",\"task\":\"Partition 0\",\"grouper\":\"" + GROUPER + "\"}",
        records.get(0).key());
    assertEquals("{\"version\":1,\"inputs\":[{\"system\":\"kafka\",\"stream\":\"flights\",\"partition\":0,"
        + "\"offset\":41}],\"changelogs\":{\"stats\":17}}", records.get(0).value());
  }

  @Test
  void aCheckpointOfAnotherGrouperStopsTheJobNamingBothGroupers(KafkaCluster kafka) {
    String job = TestJobs.uniqueJobName("ckpt-grouper");
    try (KafkaCheckpointManager m = manager(kafka, job, GROUPER)) {
      m.start();
      m.write(checkpoint(0, 10, Map.of()));
    }
    try (KafkaCheckpointManager m = manager(kafka, job, OTHER_GROUPER)) {
      m.start();
      IllegalStateException e = assertThrows(IllegalStateException.class, m::readLastCheckpoints);
      assertTrue(e.getMessage().contains(GROUPER), e.getMessage());
      assertTrue(e.getMessage().contains(OTHER_GROUPER), e.getMessage());
      assertTrue(e.getMessage().contains("grouper of a job must not change"), e.getMessage());
    }
  }

  @Test
  void anExistingCheckpointTopicThatIsNotCompactedIsRejected(KafkaCluster kafka) {
    String job = TestJobs.uniqueJobName("ckpt-delete");
    String topic = new JobIdentity(job, "1").checkpointTopic();
    kafka.client().createTopic(TopicSpec.of(topic, 1).withConfig("cleanup.policy", "delete"));
    try (KafkaCheckpointManager m = manager(kafka, job, GROUPER)) {
      ConfigException e = assertThrows(ConfigException.class, m::start);
      assertTrue(e.getMessage().contains("'" + topic + "'"), e.getMessage());
      assertTrue(e.getMessage().contains("cleanup.policy=delete"), e.getMessage());
    }
  }

  @Test
  void anExistingCompactedTopicIsAcceptedAndAMultiPartitionOneIsRejected(KafkaCluster kafka) {
    String job = TestJobs.uniqueJobName("ckpt-existing");
    kafka.client().createTopic(TopicSpec.of(new JobIdentity(job, "1").checkpointTopic(), 1).compacted());
    try (KafkaCheckpointManager m = manager(kafka, job, GROUPER)) {
      m.start();
      m.write(checkpoint(0, 1, Map.of()));
      assertEquals(1, m.readLastCheckpoints().size());
    }
    String job2 = TestJobs.uniqueJobName("ckpt-partitions");
    kafka.client().createTopic(TopicSpec.of(new JobIdentity(job2, "1").checkpointTopic(), 2).compacted());
    try (KafkaCheckpointManager m = manager(kafka, job2, GROUPER)) {
      ConfigException e = assertThrows(ConfigException.class, m::start);
      assertTrue(e.getMessage().contains("has 2 partitions"), e.getMessage());
    }
  }

  @Test
  void aTombstoneDeletesATaskCheckpointAndAMalformedRecordNamesItsOffset(KafkaCluster kafka) {
    String job = TestJobs.uniqueJobName("ckpt-bad");
    String topic = new JobIdentity(job, "1").checkpointTopic();
    try (KafkaCheckpointManager m = manager(kafka, job, GROUPER)) {
      m.start();
      m.write(checkpoint(0, 1, Map.of()));
      m.write(checkpoint(1, 1, Map.of()));
      kafka.client().produceBytes(List.of(new ProducerRecord<>(topic, 0,
          CheckpointJson.key(new TaskName("Partition 0"), GROUPER), null)));
      assertEquals(List.of(new TaskName("Partition 1")), List.copyOf(m.readLastCheckpoints().keySet()));

      kafka.client().produceBytes(List.of(new ProducerRecord<>(topic, 0,
          "not json".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8))));
      IllegalStateException e = assertThrows(IllegalStateException.class, m::readLastCheckpoints);
      assertTrue(e.getMessage().contains("offset 3 of topic '" + topic + "'"), e.getMessage());
    }
  }

  @Test
  void writeBeforeStartFailsReadWorksAndCloseIsIdempotent(KafkaCluster kafka) throws Exception {
    KafkaCheckpointManager m = manager(kafka, TestJobs.uniqueJobName("ckpt-unstarted"), GROUPER);
    assertThrows(IllegalStateException.class, () -> m.write(checkpoint(0, 1, Map.of())));
    assertEquals(Map.of(), m.readLastCheckpoints(), "no topic, no checkpoints");
    try (Admin admin = kafka.client().admin()) {
      assertFalse(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(m.topic()), "reading creates nothing");
    }
    m.close();
    m.close();
  }

  @Test
  void aCheckpointOfAnAbortedTransactionIsNeverRead(KafkaCluster kafka) {
    String job = TestJobs.uniqueJobName("ckpt-txn");
    try (KafkaCheckpointManager m = manager(kafka, job, GROUPER);
        KafkaProducer<byte[], byte[]> txn = kafka.client().producer(new ByteArraySerializer(),
            new ByteArraySerializer(), Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, job))) {
      m.start();
      txn.initTransactions();
      txn.beginTransaction();
      txn.send(m.toRecord(checkpoint(0, 5, Map.of())));
      txn.commitTransaction();
      txn.beginTransaction();
      txn.send(m.toRecord(checkpoint(0, 6, Map.of())));
      txn.flush();
      txn.abortTransaction();
      assertEquals(Map.of(new TaskName("Partition 0"), checkpoint(0, 5, Map.of())), m.readLastCheckpoints());
    }
  }

  @Test
  void fromConfigUsesTheCheckpointSystemAndReplicationFactor(KafkaCluster kafka) {
    String job = TestJobs.uniqueJobName("ckpt-config");
    Config config = TestJobs.config(kafka.bootstrapServers(), job, "flights",
        "systems.other.producer.bootstrap.servers", kafka.bootstrapServers(),
        "task.checkpoint.system", "other",
        "task.checkpoint.replication.factor", "1");
    try (KafkaCheckpointManager m = KafkaCheckpointManager.create(CheckpointSettings.fromConfig(config),
        new KafkaSystems(config), GROUPER)) {
      assertEquals(new JobIdentity(job, "1").checkpointTopic(), m.topic());
      m.start();
      assertFalse(m.topic().isEmpty());
    }
    Config bad = config.withOverrides(Map.of("task.checkpoint.replication.factor", "0"));
    ConfigException e = assertThrows(ConfigException.class,
        () -> KafkaCheckpointManager.create(CheckpointSettings.fromConfig(bad), new KafkaSystems(bad), GROUPER));
    assertTrue(e.getMessage().contains("task.checkpoint.replication.factor"), e.getMessage());
    Config unknown = config.withOverrides(Map.of("task.checkpoint.system", "nope"));
    ConfigException e2 = assertThrows(ConfigException.class,
        () -> KafkaCheckpointManager.create(CheckpointSettings.fromConfig(unknown),
            new KafkaSystems(unknown), GROUPER));
    assertTrue(e2.getMessage().contains("systems.nope"), e2.getMessage());
  }
}
