package io.strand.container.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.kafka.TestJobs;
import io.strand.container.transaction.TransactionSettings;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The transactional producer pool on a real broker: after a commit, closing the pool (a clean
 * stop) returns at once instead of waiting out its close timeout on the empty transaction the
 * commit opened, and what was committed stays visible to {@code read_committed} readers.
 */
@RealKafka
class ProducerPoolTransactionTest {

  @Test
  void aCleanCloseAfterACommitEndsPromptlyAndKeepsTheCommittedRecords(KafkaCluster kafka) throws Exception {
    String topic = kafka.uniqueTopic("pool-tx");
    kafka.client().createTopic(topic, 1);
    String job = TestJobs.uniqueJobName("pool-tx");
    Config config = TestJobs.config(kafka.bootstrapServers(), job, topic);
    TransactionSettings tx = new TransactionSettings("kafka", "strand-" + job + "-1-0", 60_000);
    ProducerPool pool = new ProducerPool(new KafkaSystems(config), job + "-c0", Optional.of(tx), "job " + job);
    pool.startTransactions();
    pool.forSystem("kafka").send(new ProducerRecord<>(topic, "k".getBytes(), "committed".getBytes()),
        pool.callback());
    pool.flush();
    // As the container's final commit: the group offsets in the transaction, then the next one opens.
    pool.transaction().orElseThrow().commit(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1)), job);

    long start = System.nanoTime();
    pool.close(Duration.ofSeconds(30));
    long closeMs = (System.nanoTime() - start) / 1_000_000;

    assertTrue(closeMs < 10_000, "the close took " + closeMs + " ms, as if waiting out its 30 s timeout");
    assertEquals(List.of("committed"), readCommitted(kafka, topic));
  }

  private static List<String> readCommitted(KafkaCluster kafka, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      List<String> values = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      // The commit markers are written after commitTransaction returns: wait until the committed
      // record is readable, then read on to the last stable offset for anything after it.
      while (values.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
      long end = c.endOffsets(List.of(tp)).get(tp);
      while (c.position(tp) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
      return values;
    }
  }
}
