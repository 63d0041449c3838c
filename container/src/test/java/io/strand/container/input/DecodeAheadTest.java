package io.strand.container.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.Partition;
import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.container.errors.ContainerFailedException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Decode-ahead: every record is decoded once, by the decode thread or (when the run loop gets
 * there first) by the run loop; results come back in the buffer's order; a serde's failure is
 * turned into the bad-message policy's outcome only when the run loop takes the record.
 */
class DecodeAheadTest {

  private static final TaskName A = new TaskName("Partition 0");
  private static final SystemStreamPartition IN = new SystemStreamPartition("kafka", "bids", 0);

  /** Decodes UTF-8 text, noting the thread of every decode; fails on the text "bad". */
  private static final class RecordingSerde implements Serde<Object> {
    final AtomicInteger decodes = new AtomicInteger();
    final Map<String, String> threadOf = new ConcurrentHashMap<>();

    @Override
    public byte[] toBytes(Object object) {
      return object.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object fromBytes(byte[] bytes) {
      String s = new String(bytes, StandardCharsets.UTF_8);
      if (s.equals("bad")) {
        throw new IllegalArgumentException("not a bid: " + s);
      }
      decodes.incrementAndGet();
      threadOf.put(s, Thread.currentThread().getName());
      return s;
    }
  }

  private static InputDecoder decoder(BadMessagePolicy.Kind kind) {
    JobModel model = new JobModel("decode-ahead", "1", "io.strand.container.grouper.GroupByPartitionFactory",
        List.of(new ContainerModel("0", List.of(new TaskModel(A, List.of(IN), new Partition(0))))));
    Config config = Config.of(Map.of("job.name", "decode-ahead",
        "systems.kafka.consumer.bootstrap.servers", "127.0.0.1:9",
        "systems.kafka.producer.bootstrap.servers", "127.0.0.1:9"));
    ContainerMetrics metrics = new ContainerMetrics(new SimpleMeterRegistry(), "decode-ahead", "0");
    return new InputDecoder(new BadMessagePolicy(kind, Optional.empty()), InputOwners.of(model),
        new ProducerPool(new KafkaSystems(config), "decode-ahead"), metrics, "test");
  }

  private static List<ConsumerRecord<byte[], byte[]>> records(long from, String... values) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    for (String v : values) {
      out.add(new ConsumerRecord<>(IN.getStream(), 0, from++, null, v.getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static SerdePair serdes(RecordingSerde values) {
    return new SerdePair(new SystemStream("kafka", "bids"), null, null, "v", values);
  }

  private static void awaitDecodes(RecordingSerde serde, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (serde.decodes.get() < n) {
      assertTrue(System.nanoTime() < deadline, "decoded " + serde.decodes.get() + " of " + n + " within 10 s");
      Thread.sleep(1);
    }
  }

  @Test
  void theDecodeThreadDecodesAheadAndTheRunLoopTakesTheResultsInOrder() throws InterruptedException {
    RecordingSerde values = new RecordingSerde();
    String[] texts = new String[500];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = "bid-" + i;
    }
    List<ConsumerRecord<byte[], byte[]>> rs = records(100, texts);
    InputDecoder decoder = decoder(BadMessagePolicy.Kind.FAIL);
    try (DecodeAhead ahead = new DecodeAhead("test-decode")) {
      DecodeAhead.Batch batch = new DecodeAhead.Batch(IN, serdes(values), rs);
      ahead.submit(batch);
      awaitDecodes(values, texts.length);
      for (int i = 0; i < texts.length; i++) {
        IncomingMessageEnvelope env = decoder.envelope(A, IN, serdes(values), rs.get(i), batch.take(rs.get(i)));
        assertEquals(texts[i], env.message());
        assertEquals(100 + i, env.offsetAsLong());
      }
      assertTrue(batch.done());
    }
    assertEquals(texts.length, values.decodes.get(), "each record decoded once");
    assertEquals(List.of("test-decode"), values.threadOf.values().stream().distinct().toList());
  }

  @Test
  void theRunLoopDecodesWhatTheDecodeThreadHasNotClaimed() {
    RecordingSerde values = new RecordingSerde();
    List<ConsumerRecord<byte[], byte[]>> rs = records(0, "a", "b", "c");
    DecodeAhead.Batch batch = new DecodeAhead.Batch(IN, serdes(values), rs); // never submitted
    InputDecoder decoder = decoder(BadMessagePolicy.Kind.FAIL);
    for (ConsumerRecord<byte[], byte[]> r : rs) {
      decoder.envelope(A, IN, serdes(values), r, batch.take(r));
    }
    assertEquals(3, values.decodes.get());
    assertEquals(Thread.currentThread().getName(), values.threadOf.get("b"));
  }

  @Test
  void aBadRecordFailsInItsTurnNamingTopicPartitionAndOffset() throws InterruptedException {
    RecordingSerde values = new RecordingSerde();
    List<ConsumerRecord<byte[], byte[]>> rs = records(40, "ok-1", "bad", "ok-2");
    InputDecoder decoder = decoder(BadMessagePolicy.Kind.FAIL);
    try (DecodeAhead ahead = new DecodeAhead("test-decode")) {
      DecodeAhead.Batch batch = new DecodeAhead.Batch(IN, serdes(values), rs);
      ahead.submit(batch);
      awaitDecodes(values, 2); // the decode thread got past the bad record without failing anything
      assertEquals("ok-1", decoder.envelope(A, IN, serdes(values), rs.get(0), batch.take(rs.get(0))).message());
      ContainerFailedException e = assertThrows(ContainerFailedException.class,
          () -> decoder.envelope(A, IN, serdes(values), rs.get(1), batch.take(rs.get(1))));
      assertTrue(e.getMessage().contains("topic 'bids' partition 0 offset 41"), e.getMessage());
    }
  }

  @Test
  void underSkipABadRecordIsSkippedAndTheNextOneStillComes() throws InterruptedException {
    RecordingSerde values = new RecordingSerde();
    List<ConsumerRecord<byte[], byte[]>> rs = records(7, "bad", "ok");
    InputDecoder decoder = decoder(BadMessagePolicy.Kind.SKIP);
    try (DecodeAhead ahead = new DecodeAhead("test-decode")) {
      DecodeAhead.Batch batch = new DecodeAhead.Batch(IN, serdes(values), rs);
      ahead.submit(batch);
      awaitDecodes(values, 1);
      assertNull(decoder.envelope(A, IN, serdes(values), rs.get(0), batch.take(rs.get(0))));
      assertEquals("ok", decoder.envelope(A, IN, serdes(values), rs.get(1), batch.take(rs.get(1))).message());
    }
  }

  @Test
  void aCancelledBatchIsNotDecoded() throws InterruptedException {
    RecordingSerde values = new RecordingSerde();
    try (DecodeAhead ahead = new DecodeAhead("test-decode")) {
      DecodeAhead.Batch dropped = new DecodeAhead.Batch(IN, serdes(values), records(0, "x", "y"));
      dropped.cancel();
      ahead.submit(dropped);
      ahead.submit(new DecodeAhead.Batch(IN, serdes(values), records(2, "z")));
      awaitDecodes(values, 1); // the later batch: the decode thread took the batches in order
    }
    assertEquals(Map.of("z", "test-decode"), values.threadOf);
  }

  @Test
  void aRecordOutOfStepWithTheBatchIsRefused() {
    List<ConsumerRecord<byte[], byte[]>> rs = records(0, "a", "b");
    DecodeAhead.Batch batch = new DecodeAhead.Batch(IN, serdes(new RecordingSerde()), rs);
    assertThrows(IllegalStateException.class, () -> batch.take(rs.get(1)));
  }
}
