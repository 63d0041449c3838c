package io.strand.container.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

@RealKafka
class TopicMetadataTest {

  /** Two systems, "kafka" and "other", on the same broker (each with its own clients). */
  private static Config twoSystems(KafkaCluster kafka, String input) {
    return TestJobs.config(kafka.bootstrapServers(), TestJobs.uniqueJobName("metadata"), input,
        "systems.other.consumer.bootstrap.servers", kafka.bootstrapServers());
  }

  @Test
  void partitionCountsAndOffsetsComeFromEachSystem(KafkaCluster kafka) {
    String a = kafka.uniqueTopic("meta-a");
    String b = kafka.uniqueTopic("meta-b");
    kafka.client().createTopic(a, 3);
    kafka.client().createTopic(b, 1);
    kafka.client().produce(a, 1, "k", "v");
    kafka.client().produce(a, 1, "k", "v");
    kafka.client().produce(b, 0, "k", "v");
    Config config = twoSystems(kafka, a);
    KafkaSystems systems = new KafkaSystems(config);
    assertEquals(Set.of("kafka", "other"), systems.names());
    SystemStream sa = new SystemStream("kafka", a);
    SystemStream sb = new SystemStream("other", b);
    try (TopicMetadata metadata = new TopicMetadata(systems)) {
      assertEquals(Map.of(sa, 3, sb, 1), metadata.partitionCounts(List.of(sa, sb)));
      SystemStreamPartition a1 = new SystemStreamPartition(sa, new io.strand.Partition(1));
      SystemStreamPartition a2 = new SystemStreamPartition(sa, new io.strand.Partition(2));
      SystemStreamPartition b0 = new SystemStreamPartition(sb, new io.strand.Partition(0));
      assertEquals(Map.of(a1, 2L, a2, 0L, b0, 1L), metadata.endOffsets(List.of(a1, a2, b0)));
      assertEquals(Map.of(a1, 2L, a2, 0L, b0, 1L), metadata.endOffsets(List.of(a1, a2, b0), true));
      assertEquals(Map.of(a1, 0L, a2, 0L, b0, 0L), metadata.beginningOffsets(List.of(a1, a2, b0)));
      assertEquals(Optional.empty(), metadata.partitionCount(new SystemStream("other", a + "-none")));
    }
  }

  @Test
  void missingTopicsAreAllNamedWithTheirSystem(KafkaCluster kafka) {
    String a = kafka.uniqueTopic("meta-present");
    kafka.client().createTopic(a, 1);
    Config config = twoSystems(kafka, a);
    try (TopicMetadata metadata = new TopicMetadata(new KafkaSystems(config))) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> metadata.partitionCounts(List.of(
          new SystemStream("kafka", a), new SystemStream("kafka", "no-such-1"), new SystemStream("other", "no-such-2"))));
      String bootstrap = kafka.bootstrapServers();
      assertTrue(e.getMessage().contains("input topic 'no-such-1' does not exist on system 'kafka' (" + bootstrap + ")"),
          e.getMessage());
      assertTrue(e.getMessage().contains("input topic 'no-such-2' does not exist on system 'other' (" + bootstrap + ")"),
          e.getMessage());
      assertFalse(e.getMessage().contains("'" + a + "'"), e.getMessage());
    }
  }

  @Test
  void ensureTopicCreatesOnceWithTheGivenConfigs(KafkaCluster kafka) {
    String name = kafka.uniqueTopic("meta-ensure");
    SystemStream stream = new SystemStream("other", name);
    try (TopicMetadata metadata = new TopicMetadata(new KafkaSystems(twoSystems(kafka, name)))) {
      assertTrue(metadata.ensureTopic(stream, 2, Map.of("cleanup.policy", "compact")));
      assertFalse(metadata.ensureTopic(stream, 5, Map.of()));
      assertEquals(Optional.of(2), metadata.partitionCount(stream));
      assertEquals("compact", metadata.topicConfigs(stream).get("cleanup.policy"));
    }
  }

  @Test
  void unknownSystemsAreConfigErrorsNamingTheSystem(KafkaCluster kafka) {
    Config config = twoSystems(kafka, "t");
    KafkaSystems systems = new KafkaSystems(config);
    ConfigException e = assertThrows(ConfigException.class, () -> systems.get("missing"));
    assertTrue(e.getMessage().contains("systems.missing"), e.getMessage());
    Config noServers = config.withOverrides(Map.of("systems.empty.samza.offset.default", "oldest"));
    ConfigException e2 = assertThrows(ConfigException.class, () -> new KafkaSystems(noServers).get("empty"));
    assertTrue(e2.getMessage().contains("systems.empty"), e2.getMessage());
    assertTrue(e2.getMessage().contains("bootstrap servers"), e2.getMessage());
  }

  @Test
  void theSystemsClientsTalkToTheirCluster(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("meta-clients");
    kafka.client().createTopic(topic, 1);
    KafkaSystem system = new KafkaSystems(twoSystems(kafka, topic)).get("other");
    assertEquals(kafka.bootstrapServers(), system.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer = system.newProducer("test-producer", Map.of())) {
      producer.send(new ProducerRecord<>(topic, 0, null, new byte[] {1, 2, 3})).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    TopicPartition tp = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> consumer = system.newConsumer("test-consumer", Map.of())) {
      consumer.assign(List.of(tp));
      consumer.seek(tp, 0);
      long deadline = System.currentTimeMillis() + 30_000;
      ConsumerRecords<byte[], byte[]> records = ConsumerRecords.empty();
      while (records.isEmpty() && System.currentTimeMillis() < deadline) {
        records = consumer.poll(java.time.Duration.ofMillis(100));
      }
      assertEquals(1, records.count());
      assertEquals(3, records.iterator().next().value().length);
    }
  }
}
