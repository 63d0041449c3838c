package io.strand.container.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.kafka.TestJobs;
import io.strand.container.kafka.TopicMetadata;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One topic, 3 partitions of 10 records each; partition 2's first 5 records deleted (retention). */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartingOffsetsTest {

  private String topic;
  private String other;
  private KafkaCluster kafka;

  @BeforeAll
  void createTopics(KafkaCluster kafka) throws Exception {
    this.kafka = kafka;
    topic = kafka.uniqueTopic("starting");
    other = kafka.uniqueTopic("starting-other");
    kafka.client().createTopic(topic, 3);
    kafka.client().createTopic(other, 1);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      for (int i = 0; i < 10; i++) {
        records.add(new ProducerRecord<>(topic, p, "k" + i, "v" + i));
      }
    }
    for (int i = 0; i < 4; i++) {
      records.add(new ProducerRecord<>(other, 0, "k" + i, "v" + i));
    }
    kafka.client().produce(records);
    try (Admin admin = kafka.client().admin()) {
      admin.deleteRecords(Map.of(new TopicPartition(topic, 2), RecordsToDelete.beforeOffset(5)))
          .all().get(30, TimeUnit.SECONDS);
    }
  }

  private SystemStreamPartition ssp(int p) {
    return new SystemStreamPartition("kafka", topic, p);
  }

  private SystemStreamPartition otherSsp() {
    return new SystemStreamPartition("kafka", other, 0);
  }

  private Map<SystemStreamPartition, Long> compute(Map<TaskName, Checkpoint> checkpoints, String... extra) {
    Config config = TestJobs.config(kafka.bootstrapServers(), TestJobs.uniqueJobName("starting"), topic, extra);
    try (TopicMetadata metadata = new TopicMetadata(new KafkaSystems(config))) {
      Set<SystemStreamPartition> ssps = Set.of(ssp(0), ssp(1), ssp(2), otherSsp());
      Map<SystemStream, StreamStart> starts = new HashMap<>();
      ssps.forEach(s -> starts.put(s.getSystemStream(), StreamStart.fromConfig(config, s.getSystemStream())));
      return StartingOffsets.compute(starts, ssps, checkpoints, metadata);
    }
  }

  private static Checkpoint checkpoint(String task, Map<SystemStreamPartition, Long> offsets) {
    return new Checkpoint(new TaskName(task), offsets, Map.of());
  }

  @Test
  void withoutCheckpointsTheDefaultIsUpcoming() {
    assertEquals(Map.of(ssp(0), 10L, ssp(1), 10L, ssp(2), 10L, otherSsp(), 4L), compute(Map.of()));
  }

  @Test
  void oldestPerSystemStartsAtTheBeginningOffsets() {
    assertEquals(Map.of(ssp(0), 0L, ssp(1), 0L, ssp(2), 5L, otherSsp(), 0L),
        compute(Map.of(), "systems.kafka.samza.offset.default", "oldest"));
  }

  @Test
  void aPerStreamDefaultOverridesTheSystems() {
    assertEquals(Map.of(ssp(0), 0L, ssp(1), 0L, ssp(2), 5L, otherSsp(), 4L),
        compute(Map.of(), "systems.kafka.samza.offset.default", "oldest",
            "systems.kafka.streams." + other + ".samza.offset.default", "upcoming"));
  }

  @Test
  void aCheckpointResumesAfterTheLastProcessedOffset() {
    Map<TaskName, Checkpoint> checkpoints = Map.of(
        new TaskName("Partition 0"), checkpoint("Partition 0", Map.of(ssp(0), 3L, otherSsp(), 0L)),
        new TaskName("Partition 1"), checkpoint("Partition 1", Map.of(ssp(1), 9L)));
    // Partition 1 processed its last message: start at the end. Partition 2 has none: default.
    assertEquals(Map.of(ssp(0), 4L, ssp(1), 10L, ssp(2), 5L, otherSsp(), 1L),
        compute(checkpoints, "systems.kafka.samza.offset.default", "oldest"));
  }

  @Test
  void resetIgnoresTheCheckpointOfThatStreamOnly() {
    Map<TaskName, Checkpoint> checkpoints = Map.of(
        new TaskName("Partition 0"), checkpoint("Partition 0", Map.of(ssp(0), 3L, otherSsp(), 1L)));
    assertEquals(Map.of(ssp(0), 0L, ssp(1), 0L, ssp(2), 5L, otherSsp(), 2L),
        compute(checkpoints, "systems.kafka.streams." + topic + ".samza.reset.offset", "true",
            "systems.kafka.streams." + topic + ".samza.offset.default", "oldest"));
  }

  @Test
  void aCheckpointBelowRetentionIsClampedToTheBeginningAndOneBeyondTheEndUsesTheDefault() {
    Map<TaskName, Checkpoint> checkpoints = Map.of(
        new TaskName("Partition 2"), checkpoint("Partition 2", Map.of(ssp(2), 1L)),
        new TaskName("Partition 1"), checkpoint("Partition 1", Map.of(ssp(1), 50L)));
    assertEquals(Map.of(ssp(0), 10L, ssp(1), 10L, ssp(2), 5L, otherSsp(), 4L), compute(checkpoints));
    // Exactly at the beginning: no clamp needed.
    assertEquals(5L, compute(Map.of(new TaskName("Partition 2"),
        checkpoint("Partition 2", Map.of(ssp(2), 4L)))).get(ssp(2)));
  }

  @Test
  void aBroadcastPartitionInSeveralCheckpointsStartsAtTheSmallest() {
    Map<TaskName, Checkpoint> checkpoints = Map.of(
        new TaskName("Partition 0"), checkpoint("Partition 0", Map.of(ssp(0), 3L, otherSsp(), 2L)),
        new TaskName("Partition 1"), checkpoint("Partition 1", Map.of(ssp(1), 3L, otherSsp(), 0L)));
    assertEquals(1L, compute(checkpoints).get(otherSsp()));
  }
}
