package io.strand.container.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.kafka.TestJobs;
import io.strand.container.transaction.TransactionSettings;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The exactly-once producer pool on the real broker: how it ends its open transaction when it closes. */
@RealKafka
class TransactionalProducerPoolTest {

  /** Kafka's default request.timeout.ms, which a producer closed with a begun, empty transaction waits out. */
  private static final long REQUEST_TIMEOUT_MS = 30_000;

  @Test
  void aCleanCloseEndsTheOpenTransactionAtOnceAndNothingSentAfterTheLastCommitIsVisible(KafkaCluster kafka) {
    String job = TestJobs.uniqueJobName("pool-close");
    String topic = kafka.uniqueTopic("pool-close");
    kafka.client().createTopic(topic, 1);
    Config config = TestJobs.config(kafka.bootstrapServers(), job, topic);
    TransactionSettings settings = new TransactionSettings("kafka", "strand-" + job + "-1-0", 60_000);
    ProducerPool pool = new ProducerPool(new KafkaSystems(config), job, Optional.of(settings), "test pool " + job);
    pool.startTransactions();
    Producer<byte[], byte[]> producer = pool.forSystem("kafka");
    producer.send(record(topic, "committed"), pool.callback());
    pool.flush();
    pool.transaction().orElseThrow().commit(Map.of(), "strand-" + job + "-1");
    producer.send(record(topic, "after the last commit"), pool.callback());
    pool.flush();

    long start = System.nanoTime();
    pool.close(Duration.ofSeconds(30));
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertTrue(tookMs < REQUEST_TIMEOUT_MS / 3, "closed in " + tookMs + " ms, not after request.timeout.ms");
    List<ConsumerRecord<String, String>> read = kafka.client().readAll(topic);
    assertEquals(List.of("committed"), read.stream().map(ConsumerRecord::value).toList(),
        "read_committed sees the committed record only; the open transaction was aborted");
  }

  @Test
  void aCleanCloseRightAfterACommitDoesNotWaitForTheEmptyTransaction(KafkaCluster kafka) {
    String job = TestJobs.uniqueJobName("pool-close-empty");
    String topic = kafka.uniqueTopic("pool-close-empty");
    kafka.client().createTopic(topic, 1);
    Config config = TestJobs.config(kafka.bootstrapServers(), job, topic);
    TransactionSettings settings = new TransactionSettings("kafka", "strand-" + job + "-1-0", 60_000);
    ProducerPool pool = new ProducerPool(new KafkaSystems(config), job, Optional.of(settings), "test pool " + job);
    pool.startTransactions();
    pool.forSystem("kafka").send(record(topic, "committed"), pool.callback());
    pool.flush();
    // A container's final commit: commits, and opens the next transaction, which stays empty.
    pool.transaction().orElseThrow().commit(Map.of(), "strand-" + job + "-1");

    long start = System.nanoTime();
    pool.close(Duration.ofSeconds(30));
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertTrue(tookMs < REQUEST_TIMEOUT_MS / 3, "closed in " + tookMs + " ms, not after request.timeout.ms");
    assertEquals(List.of("committed"), kafka.client().readAll(topic).stream().map(ConsumerRecord::value).toList());
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String value) {
    return new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
  }
}
