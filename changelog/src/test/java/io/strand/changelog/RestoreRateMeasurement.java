package io.strand.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.changelog.restore.RestoreResult;
import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.TopicSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: measures the restore rate of a 500 000-record changelog against a plain consumer
 * reading the same partition with the same settings, on the same broker. Run with
 * {@code mvn -pl changelog verify -Dchangelog.excludedGroups=none -Dtest=RestoreRateMeasurement}.
 */
@RealKafka
@Tag("measurement")
class RestoreRateMeasurement {

  private static final int RECORDS = 500_000;
  private static final int KEYS = 250_000;

  @Test
  void restoreRateVersusAPlainConsumer(KafkaCluster kafka) throws Exception {
    String topic = kafka.uniqueTopic("rate");
    kafka.client().createTopic(TopicSpec.of(topic, 1).compacted());
    Map<String, Object> fast = Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.LINGER_MS_CONFIG, 10,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    byte[] value = new byte[100];
    try (KafkaProducer<byte[], byte[]> p = kafka.client().producer(new ByteArraySerializer(), new ByteArraySerializer(),
        fast)) {
      for (int i = 0; i < RECORDS; i++) {
        p.send(new ProducerRecord<>(topic, 0, String.format("key-%08d", i % KEYS).getBytes(), value));
      }
      p.flush();
    }
    Config config = TestConfigs.rocks("rate-job", kafka.bootstrapServers(), "s", "kafka." + topic);
    TaskName task = new TaskName("Partition 0");
    for (int round = 1; round <= 3; round++) {
      long plainNanos = plainRead(kafka, topic);
      Path dir = Files.createTempDirectory("rate");
      RestoreResult r;
      try (TestContainer c = new TestContainer(kafka, config, dir, List.of(new TaskStorage(task, 0)), 1)) {
        r = RestoreTest.single(c.start(TestContainer.checkpoint(task, "s", RECORDS - 1)));
      }
      assertEquals(RECORDS, r.restoredRecords());
      System.out.printf("MEASURE round %d: plain consumer %d records/s (%d ms); restore %d records/s (%d ms incl."
              + " open, bulk load, final flush and compaction)%n", round, RECORDS * 1_000_000_000L / plainNanos,
          plainNanos / 1_000_000, RECORDS * 1000L / Math.max(1, r.elapsedMs()), r.elapsedMs());
    }
  }

  private static long plainRead(KafkaCluster kafka, String topic) {
    TopicPartition tp = new TopicPartition(topic, 0);
    Map<String, Object> props = new HashMap<>(RestoreConsumers.consumerOverrides("plain", IsolationLevel.READ_UNCOMMITTED));
    long start = System.nanoTime();
    try (Consumer<byte[], byte[]> consumer = KafkaChangelogClients.singleCluster(kafka.bootstrapServers(), null)
        .newConsumer("kafka", props)) {
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long count = 0;
      while (consumer.position(tp) < RECORDS) {
        count += consumer.poll(Duration.ofMillis(200)).count();
      }
      assertEquals(RECORDS, count);
    }
    return System.nanoTime() - start;
  }
}
