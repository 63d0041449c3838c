package io.strand.nexmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.nexmark.generator.AppendObserver;
import io.strand.nexmark.generator.GeneratorConfig;
import io.strand.nexmark.generator.NexmarkGenerator;
import io.strand.nexmark.generator.NexmarkTopicAdmin;
import io.strand.nexmark.latency.InputAppends;
import io.strand.nexmark.latency.LatencyFigures;
import io.strand.nexmark.latency.ResultTriggers;
import io.strand.nexmark.model.NexmarkJson;
import io.strand.nexmark.model.NexmarkTopics;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.HighestBid;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * The probe on a real broker: results are timed by the output's LogAppendTime whatever timestamp
 * the engine sent (the session-10 q2 hour came from reading an engine-set timestamp), measured
 * against the rules' due time; results due in the warm-up and unmatched ones counted apart.
 */
@RealKafka
class LatencyProbeTest {

  private static final long BASE = GeneratorConfig.DEFAULT_BASE_TIME_MS;
  private static final GeneratorConfig LIVE = new GeneratorConfig(1_000, 19, BASE, 100, 10_000);

  @Test
  void measuresFromTheOutputsAppendTimeAgainstTheDueTime(KafkaCluster kafka) throws Exception {
    String topic = "nexmark-latency-probe-test";
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      NexmarkTopicAdmin.recreate(admin, List.of(topic), Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
          "LogAppendTime"));
    }
    AtomicLong clock = new AtomicLong();
    InputAppends appends = new InputAppends(LIVE.events(), NexmarkTopics.all(), NexmarkTopics.PARTITIONS, clock::get);
    long dueAt = System.currentTimeMillis() - 1_000;  // every bid partition's end marker, 1 s ago
    for (int p = 0; p < NexmarkTopics.PARTITIONS; p++) {
      clock.set(dueAt - p);
      appends.appended(AppendObserver.END_MARKER, NexmarkTopics.BID, p, BASE + 60_000);
    }
    HighestBid window = new HighestBid(1000, 5, 1001, BASE + 3, "", BASE, BASE + 10_000);
    try (LatencyProbe probe = new LatencyProbe(kafka.bootstrapServers(), topic, Query.Q7);
         Producer<byte[], byte[]> producer = new KafkaProducer<>(NexmarkGenerator.producerProperties(
             kafka.bootstrapServers()))) {
      probe.start();
      for (int i = 0; i < 3; i++) {
        // An engine's own timestamp (here 0, the epoch): ignored.
        producer.send(new ProducerRecord<>(topic, null, 0L, NexmarkJson.key(1000), NexmarkJson.write(window)));
      }
      producer.send(new ProducerRecord<>(topic, null, 0L, NexmarkJson.key(1000), (byte[]) null));
      producer.flush();
      long after = System.currentTimeMillis();
      LatencyFigures f = probe.finish(new ResultTriggers(Query.Q7, LIVE), appends, dueAt - 10_000);
      assertEquals(3, f.count(), "three results (the tombstone is not one)");
      assertTrue(f.minMs() >= 1_000 && f.maxMs() <= after - dueAt + 1,
          "from the due time to the append: " + f + ", at most " + (after - dueAt));
      assertEquals(0, f.early());
    }
  }

  @Test
  void anOutputWithoutAppendTimesIsRefused(KafkaCluster kafka) throws Exception {
    String topic = "nexmark-latency-probe-test-create-time";
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      NexmarkTopicAdmin.recreate(admin, List.of(topic));
    }
    InputAppends appends = new InputAppends(LIVE.events(), NexmarkTopics.all(), NexmarkTopics.PARTITIONS,
        System::currentTimeMillis);
    try (LatencyProbe probe = new LatencyProbe(kafka.bootstrapServers(), topic, Query.Q7);
         Producer<byte[], byte[]> producer = new KafkaProducer<>(NexmarkGenerator.producerProperties(
             kafka.bootstrapServers()))) {
      probe.start();
      producer.send(new ProducerRecord<>(topic, NexmarkJson.key(1000), NexmarkJson.write(
          new HighestBid(1000, 5, 1001, BASE + 3, "", BASE, BASE + 10_000))));
      producer.flush();
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> probe.finish(new ResultTriggers(Query.Q7, LIVE), appends, 0));
      assertTrue(e.getCause().getMessage().contains("LogAppendTime"), e.getCause().getMessage());
    }
  }

  @Test
  void warmUpAndUnmatchedResultsAreCountedApart() {
    AtomicLong clock = new AtomicLong(50_000);
    InputAppends appends = new InputAppends(LIVE.events(), NexmarkTopics.all(), NexmarkTopics.PARTITIONS, clock::get);
    for (int p = 0; p < NexmarkTopics.PARTITIONS; p++) {
      appends.appended(AppendObserver.END_MARKER, NexmarkTopics.BID, p, BASE + 60_000);
    }
    byte[] closed = NexmarkJson.write(new HighestBid(1000, 5, 1001, BASE + 3, "", BASE, BASE + 10_000));
    byte[] never = NexmarkJson.write(new HighestBid(1000, 5, 1001, BASE + 3, "", BASE + 90_000, BASE + 100_000));
    List<LatencyProbe.Output> outputs = List.of(new LatencyProbe.Output(50_040, closed),
        new LatencyProbe.Output(50_020, closed), new LatencyProbe.Output(49_990, closed),
        new LatencyProbe.Output(50_100, never));
    LatencyFigures measured = LatencyProbe.measure(Query.Q7, outputs, new ResultTriggers(Query.Q7, LIVE), appends, 0);
    assertEquals(3, measured.count());
    assertEquals(20, measured.p50Ms());
    assertEquals(-10, measured.minMs());
    assertEquals(1, measured.early());
    assertEquals(1, measured.unmatched(), "a window past the markers matches no input");
    LatencyFigures warm = LatencyProbe.measure(Query.Q7, outputs, new ResultTriggers(Query.Q7, LIVE), appends, 50_001);
    assertEquals(0, warm.count());
    assertEquals(3, warm.warmUp());
  }
}
