package io.strand.container.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.job.JobIdentity;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.kafka.TestJobs;
import io.strand.system.SystemStreamPartition;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

@RealKafka
class ConsumerGroupOffsetsTest {

  private static Map<TopicPartition, Long> groupOffsets(KafkaCluster kafka, String group) throws Exception {
    try (Admin admin = kafka.client().admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      Map<TopicPartition, Long> result = new HashMap<>();
      offsets.forEach((tp, om) -> result.put(tp, om.offset()));
      return result;
    }
  }

  @Test
  void offsetsAreMirroredAsNextToReadForEverySystemAndTheNewestWins(KafkaCluster kafka) throws Exception {
    String job = TestJobs.uniqueJobName("group-mirror");
    String a = kafka.uniqueTopic("mirror-a");
    String b = kafka.uniqueTopic("mirror-b");
    kafka.client().createTopic(a, 2);
    kafka.client().createTopic(b, 1);
    Config config = TestJobs.config(kafka.bootstrapServers(), job, a,
        "systems.other.consumer.bootstrap.servers", kafka.bootstrapServers());
    String group = new JobIdentity(job, "1").consumerGroup();
    try (ConsumerGroupOffsets mirror = new ConsumerGroupOffsets(new KafkaSystems(config), group)) {
      mirror.commit(Map.of(new SystemStreamPartition("kafka", a, 0), 9L,
          new SystemStreamPartition("kafka", a, 1), 19L,
          new SystemStreamPartition("other", b, 0), 0L));
      // Several commits while the first may still be in flight: merged, newest per partition wins.
      mirror.commit(Map.of(new SystemStreamPartition("kafka", a, 0), 10L));
      mirror.commit(Map.of(new SystemStreamPartition("kafka", a, 0), 11L));
      assertTrue(mirror.awaitIdle(30_000));
    }
    assertEquals(Map.of(new TopicPartition(a, 0), 12L, new TopicPartition(a, 1), 20L, new TopicPartition(b, 0), 1L),
        groupOffsets(kafka, group));
  }

  @Test
  void aFailureNeverReachesTheCallerAndMirroringResumesAfterIt(KafkaCluster kafka) throws Exception {
    String job = TestJobs.uniqueJobName("group-busy");
    String topic = kafka.uniqueTopic("mirror-busy");
    kafka.client().createTopic(topic, 1);
    kafka.client().produce(topic, 0, "k", "v");
    Config config = TestJobs.config(kafka.bootstrapServers(), job, topic);
    String group = new JobIdentity(job, "1").consumerGroup();
    SystemStreamPartition ssp = new SystemStreamPartition("kafka", topic, 0);
    try (ConsumerGroupOffsets mirror = new ConsumerGroupOffsets(new KafkaSystems(config), group)) {
      // A live member makes the group refuse offsets written from outside it.
      try (KafkaConsumer<String, String> member = kafka.client().stringConsumer(group)) {
        member.subscribe(List.of(topic));
        long deadline = System.currentTimeMillis() + 30_000;
        while (member.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
          member.poll(Duration.ofMillis(100));
        }
        assertEquals(1, member.assignment().size(), "the member joined the group");
        mirror.commit(Map.of(ssp, 41L));
        mirror.commit(Map.of(ssp, 42L));
        assertTrue(mirror.awaitIdle(30_000));
        assertEquals(null, groupOffsets(kafka, group).get(new TopicPartition(topic, 0)));
      }
      mirror.commit(Map.of(ssp, 43L));
      long deadline = System.currentTimeMillis() + 30_000;
      Long seen = null;
      while (System.currentTimeMillis() < deadline) {
        // The broker may take a moment to see the member gone; keep mirroring as a job would.
        assertTrue(mirror.awaitIdle(30_000));
        seen = groupOffsets(kafka, group).get(new TopicPartition(topic, 0));
        if (Long.valueOf(44L).equals(seen)) {
          break;
        }
        mirror.commit(Map.of(ssp, 43L));
      }
      assertEquals(44L, seen);
    }
  }

  @Test
  void aPrefetchedReadAnswersTheNextReadOnceAndLaterReadsAskAgain(KafkaCluster kafka) throws Exception {
    String job = TestJobs.uniqueJobName("group-prefetch");
    String topic = kafka.uniqueTopic("mirror-prefetch");
    kafka.client().createTopic(topic, 2);
    Config config = TestJobs.config(kafka.bootstrapServers(), job, topic);
    String group = new JobIdentity(job, "1").consumerGroup();
    SystemStreamPartition p0 = new SystemStreamPartition("kafka", topic, 0);
    SystemStreamPartition p1 = new SystemStreamPartition("kafka", topic, 1);
    try (ConsumerGroupOffsets writer = new ConsumerGroupOffsets(new KafkaSystems(config), group);
        ConsumerGroupOffsets reader = new ConsumerGroupOffsets(new KafkaSystems(config), group)) {
      writer.commit(Map.of(p0, 4L, p1, 7L));
      assertTrue(writer.awaitIdle(30_000));
      reader.prefetchCommitted(java.util.Set.of("kafka"));
      assertEquals(Map.of(p0, 5L, p1, 8L), reader.readCommitted(java.util.Set.of(p0, p1)),
          "the prefetched answer: committed offsets are the next to read");
      writer.commit(Map.of(p0, 9L));
      assertTrue(writer.awaitIdle(30_000));
      assertEquals(Map.of(p0, 10L), reader.readCommitted(java.util.Set.of(p0)),
          "the prefetched answer is used once: a later read sees the later commit");
    }
  }
}
