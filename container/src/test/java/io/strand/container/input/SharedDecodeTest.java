package io.strand.container.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.Partition;
import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.metrics.ContainerMetrics;
import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.model.TaskModel;
import io.strand.container.output.ProducerPool;
import io.strand.container.serde.SerdePair;
import io.strand.serializers.Serde;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A record of a broadcast partition is decoded once per container: every task holding the
 * partition gets the same key and message objects (as Samza hands one envelope to each), while a
 * partition of one task is decoded for it alone.
 */
class SharedDecodeTest {

  private static final TaskName A = new TaskName("Partition 0");
  private static final TaskName B = new TaskName("Partition 1");
  private static final SystemStreamPartition BROADCAST = new SystemStreamPartition("kafka", "airports", 0);
  private static final SystemStreamPartition OWN_A = new SystemStreamPartition("kafka", "flights", 0);

  /** Counts decodes; a new object per decode. */
  private static final class CountingSerde implements Serde<Object> {
    final AtomicInteger decodes = new AtomicInteger();

    @Override
    public byte[] toBytes(Object object) {
      return object.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object fromBytes(byte[] bytes) {
      decodes.incrementAndGet();
      return new StringBuilder(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  private static InputDecoder decoder() {
    JobModel model = new JobModel("shared-decode", "1", "io.strand.container.grouper.GroupByPartitionFactory",
        List.of(new ContainerModel("0", List.of(
            new TaskModel(A, List.of(OWN_A, BROADCAST), new Partition(0)),
            new TaskModel(B, List.of(new SystemStreamPartition("kafka", "flights", 1), BROADCAST),
                new Partition(1))))));
    Config config = Config.of(Map.of("job.name", "shared-decode",
        "systems.kafka.consumer.bootstrap.servers", "127.0.0.1:9",
        "systems.kafka.producer.bootstrap.servers", "127.0.0.1:9"));
    ContainerMetrics metrics = new ContainerMetrics(new SimpleMeterRegistry(), "shared-decode", "0");
    return new InputDecoder(new BadMessagePolicy(BadMessagePolicy.Kind.FAIL, Optional.empty()), InputOwners.of(model),
        new ProducerPool(new KafkaSystems(config), "shared-decode"), metrics, "test");
  }

  private static ConsumerRecord<byte[], byte[]> record(SystemStreamPartition ssp, long offset, String key,
      String value) {
    return new ConsumerRecord<>(ssp.getStream(), ssp.partition().id(), offset, key.getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aBroadcastRecordIsDecodedOnceForEveryTaskOfTheContainer() {
    InputDecoder decoder = decoder();
    CountingSerde keys = new CountingSerde();
    CountingSerde values = new CountingSerde();
    SerdePair serdes = new SerdePair(new SystemStream("kafka", "airports"), "k", keys, "v", values);
    ConsumerRecord<byte[], byte[]> r = record(BROADCAST, 7, "ORD", "{\"name\":\"O'Hare\"}");

    IncomingMessageEnvelope forA = decoder.decode(A, BROADCAST, serdes, r);
    IncomingMessageEnvelope forB = decoder.decode(B, BROADCAST, serdes, r);

    assertEquals(1, values.decodes.get(), "one message decode for two tasks");
    assertEquals(1, keys.decodes.get(), "one key decode for two tasks");
    assertSame(forA.getMessage(), forB.getMessage());
    assertSame(forA.getKey(), forB.getKey());
    assertEquals("7", forB.getOffset());
    assertEquals(BROADCAST, forB.getSystemStreamPartition());

    // Another record of the partition (another object, even with the same bytes) is decoded again.
    decoder.decode(A, BROADCAST, serdes, record(BROADCAST, 8, "ORD", "{\"name\":\"O'Hare\"}"));
    assertEquals(2, values.decodes.get());
  }

  @Test
  void aPartitionOfOneTaskIsDecodedEveryTime() {
    InputDecoder decoder = decoder();
    CountingSerde values = new CountingSerde();
    SerdePair serdes = new SerdePair(new SystemStream("kafka", "flights"), "k", new CountingSerde(), "v", values);
    ConsumerRecord<byte[], byte[]> r = record(OWN_A, 3, "f", "line");

    IncomingMessageEnvelope first = decoder.decode(A, OWN_A, serdes, r);
    IncomingMessageEnvelope again = decoder.decode(A, OWN_A, serdes, r);

    assertEquals(2, values.decodes.get());
    assertNotSame(first.getMessage(), again.getMessage());
  }
}
