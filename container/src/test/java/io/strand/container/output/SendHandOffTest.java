package io.strand.container.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.container.kafka.KafkaSystem;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

/**
 * The send hand-off against a real broker: it refuses exactly the records the producer refuses as
 * too large, within {@code send} on the caller's thread; it keeps the order of sends; its flush
 * covers every send handed over before it; its queue holds at most {@code buffer.memory} bytes; a
 * zero-timeout close fails what is still queued.
 */
@RealKafka
class SendHandOffTest {

  private static final int MAX_REQUEST = 10_000;

  private static KafkaSystem system(KafkaCluster kafka) {
    return new KafkaSystem("kafka", Map.of("bootstrap.servers", kafka.bootstrapServers()),
        Map.of("bootstrap.servers", kafka.bootstrapServers(), "max.request.size", Integer.toString(MAX_REQUEST)));
  }

  private static SendHandOff handOff(KafkaSystem system, String name) {
    return new SendHandOff(system.newProducer(name, Map.of()), system.producerMaxRequestSize(),
        system.producerBufferMemory(), 64, name + "-send");
  }

  /** The producer, with each {@code send} counting down {@code inSend} and then held until {@code gate} opens. */
  @SuppressWarnings("unchecked")
  private static Producer<byte[], byte[]> gated(Producer<byte[], byte[]> real, CountDownLatch inSend,
      CountDownLatch gate) {
    return (Producer<byte[], byte[]>) Proxy.newProxyInstance(
        Producer.class.getClassLoader(), new Class<?>[] {Producer.class}, (proxy, method, args) -> {
          if (method.getName().equals("send")) {
            inSend.countDown();
            gate.await();
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void refusesExactlyWhatTheProducerRefusesAsTooLargeWithinSend(KafkaCluster kafka, KafkaTestClient client)
      throws Exception {
    String topic = kafka.uniqueTopic("handoff-size");
    client.createTopic(topic, 1);
    KafkaSystem system = system(kafka);
    try (Producer<byte[], byte[]> plain = system.newProducer("plain", Map.of());
        SendHandOff handOff = handOff(system, "sized")) {
      for (boolean withHeader : new boolean[] {false, true}) {
        int refused = 0;
        // Values around the size at which the upper bound reaches max.request.size.
        int boundary = MAX_REQUEST - RecordSizes.upperBound(record(topic, 0, withHeader));
        for (int v = boundary - 3; v <= boundary + 3; v++) {
          ProducerRecord<byte[], byte[]> r = record(topic, v, withHeader);
          boolean producerRefuses = refusedAsTooLarge(plain.send(r));
          AtomicReference<Exception> calledBack = new AtomicReference<>();
          AtomicReference<Thread> callbackThread = new AtomicReference<>();
          Future<RecordMetadata> f = handOff.send(r, (md, e) -> {
            calledBack.set(e);
            callbackThread.compareAndSet(null, Thread.currentThread());
          });
          if (producerRefuses) {
            assertTrue(f.isDone(), "refused within send: value " + v);
            assertInstanceOf(RecordTooLargeException.class, calledBack.get());
            assertEquals(Thread.currentThread(), callbackThread.get(), "called back on the sending thread");
          }
          assertEquals(producerRefuses, refusedAsTooLarge(f), "value " + v + " bytes, header " + withHeader);
          refused += producerRefuses ? 1 : 0;
        }
        assertTrue(refused > 0 && refused < 7, "the sizes straddle the limit: " + refused + " of 7 refused");
      }
    }
  }

  /**
   * A low-rate job hands over its records in bursts, one per fetch, a few ms apart: between bursts
   * the sender thread waits to be woken (parked without a timeout) instead of waking every 0.1 ms,
   * and the next burst's first send wakes it, so every record still goes out. With the 5 ms idle
   * time of session 12 the thread is found in its timed pause instead (checked by hand).
   */
  @Test
  void betweenBurstsTheSenderThreadWaitsToBeWokenAndTheNextSendWakesIt(KafkaCluster kafka, KafkaTestClient client)
      throws Exception {
    String topic = kafka.uniqueTopic("handoff-bursts");
    client.createTopic(topic, 1);
    KafkaSystem system = system(kafka);
    int bursts = 60;
    int perBurst = 20;
    int waiting = 0;
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (SendHandOff handOff = new SendHandOff(system.newProducer("bursts", Map.of()), system.producerMaxRequestSize(),
        system.producerBufferMemory(), 64, "bursts-send", SendHandOff.DEFAULT_IDLE_NANOS)) {
      Thread sender = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("bursts-send"))
          .findFirst().orElseThrow();
      for (int b = 0; b < bursts; b++) {
        for (int i = 0; i < perBurst; i++) {
          sent.add(handOff.send(new ProducerRecord<>(topic, 0, null, Integer.toString(b * perBurst + i)
              .getBytes(StandardCharsets.UTF_8))));
        }
        // The next burst comes 3 ms later, as the next fetch's records would at a few k records/s.
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(3));
        if (sender.getState() == Thread.State.WAITING) {
          waiting++;
        }
      }
      for (Future<RecordMetadata> f : sent) {
        f.get(30, TimeUnit.SECONDS); // every record was handed over and acknowledged: the wakes worked
      }
    }
    assertEquals(bursts * perBurst, client.readAll(topic).size());
    // Found waiting to be woken after most bursts; a loaded machine may hold the thread past a few.
    assertTrue(waiting >= bursts / 3, "the sender thread was waiting to be woken after " + waiting + " of " + bursts
        + " bursts");
  }

  @Test
  void keepsTheOrderOfSendsAndItsFlushCoversEverySendBeforeIt(KafkaCluster kafka, KafkaTestClient client) {
    String topic = kafka.uniqueTopic("handoff-order");
    client.createTopic(topic, 1);
    int n = 20_000;
    List<Future<RecordMetadata>> sent = new ArrayList<>(n);
    AtomicInteger callbacks = new AtomicInteger();
    try (SendHandOff handOff = handOff(system(kafka), "ordered")) {
      for (int i = 0; i < n; i++) {
        sent.add(handOff.send(new ProducerRecord<>(topic, 0, null, Integer.toString(i).getBytes(StandardCharsets.UTF_8)),
            (md, e) -> callbacks.incrementAndGet()));
      }
      handOff.flush();
      assertEquals(n, callbacks.get(), "every callback ran before flush returned");
      long previous = -1;
      for (int i = 0; i < n; i++) {
        Future<RecordMetadata> f = sent.get(i);
        assertTrue(f.isDone(), "send " + i + " acknowledged after the flush");
        long offset = offsetOf(f);
        assertTrue(offset > previous, "send " + i + " at offset " + offset + " after " + previous);
        previous = offset;
      }
    }
    List<String> values = client.readAll(topic).stream().map(r -> r.value()).toList();
    for (int i = 0; i < n; i++) {
      assertEquals(Integer.toString(i), values.get(i));
    }
  }

  @Test
  void aFlushReturnsOnlyOnceEverySendBeforeItIsInTheProducerAndAcknowledged(KafkaCluster kafka,
      KafkaTestClient client) throws Exception {
    String topic = kafka.uniqueTopic("handoff-flush");
    client.createTopic(topic, 1);
    KafkaSystem system = system(kafka);
    Producer<byte[], byte[]> real = system.newProducer("gated", Map.of());
    CountDownLatch inSend = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    // The sender thread is held inside the producer's send: the record is handed over but not in the producer yet.
    Producer<byte[], byte[]> gated = gated(real, inSend, gate);
    try (SendHandOff handOff = new SendHandOff(gated, MAX_REQUEST, 1 << 25, 64, "gated-send");
        AutoCloseable release = gate::countDown) { // released before the close, whatever failed
      AtomicReference<Exception> acked = new AtomicReference<>(new Exception("no callback"));
      Future<RecordMetadata> sent = handOff.send(new ProducerRecord<>(topic, 0, null, new byte[10]),
          (md, e) -> acked.set(e));
      assertTrue(inSend.await(30, TimeUnit.SECONDS), "the sender thread reached the producer");
      CompletableFuture<Void> flushed = CompletableFuture.runAsync(handOff::flush);
      // A negative check has to wait some time: 300 ms is far longer than a flush of an empty producer.
      assertThrows(TimeoutException.class, () -> flushed.get(300, TimeUnit.MILLISECONDS),
          "the flush returned while a send before it was not in the producer yet");
      gate.countDown();
      flushed.get(30, TimeUnit.SECONDS);
      assertTrue(sent.isDone(), "acknowledged when the flush returned");
      assertEquals(null, acked.get(), "its callback ran, without error, before the flush returned");
    }
  }

  @Test
  void theQueueHoldsAtMostBufferMemoryBytesWhateverItsRecordCount(KafkaCluster kafka, KafkaTestClient client)
      throws Exception {
    String topic = kafka.uniqueTopic("handoff-bytes");
    client.createTopic(topic, 1);
    KafkaSystem system = system(kafka);
    Producer<byte[], byte[]> real = system.newProducer("bytes", Map.of());
    CountDownLatch inSend = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    Producer<byte[], byte[]> gated = gated(real, inSend, gate);
    // Room for two 9,000-byte records (their size bounds are ~9,090 bytes), in a queue of 64 records.
    try (SendHandOff handOff = new SendHandOff(gated, MAX_REQUEST, 20_000, 64, "bytes-send");
        AutoCloseable release = gate::countDown) {
      handOff.send(new ProducerRecord<>(topic, 0, null, new byte[9_000]), null);
      assertTrue(inSend.await(30, TimeUnit.SECONDS), "the sender thread reached the producer");
      handOff.send(new ProducerRecord<>(topic, 0, null, new byte[9_000]), null);
      CompletableFuture<Void> third = CompletableFuture.runAsync(
          () -> handOff.send(new ProducerRecord<>(topic, 0, null, new byte[9_000]), null));
      // A negative check has to wait some time: 300 ms is far longer than a hand-off with room.
      assertThrows(TimeoutException.class, () -> third.get(300, TimeUnit.MILLISECONDS),
          "a third 9,000-byte record was queued beyond buffer.memory (20,000 bytes)");
      gate.countDown();
      third.get(30, TimeUnit.SECONDS);
      handOff.flush();
    }
    assertEquals(3, client.consumeAtLeast(topic, 3, Duration.ofSeconds(30)).size(), "every record was sent");
  }

  @Test
  void aCloseWithoutTimeFailsWhatIsStillQueuedAndLaterSendsAreRefused(KafkaCluster kafka, KafkaTestClient client) {
    String topic = kafka.uniqueTopic("handoff-close");
    client.createTopic(topic, 1);
    SendHandOff handOff = handOff(system(kafka), "closing");
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    AtomicInteger failedCallbacks = new AtomicInteger();
    for (int i = 0; i < 2_000; i++) {
      sent.add(handOff.send(new ProducerRecord<>(topic, 0, null, new byte[100]), (md, e) -> {
        if (e != null) {
          failedCallbacks.incrementAndGet();
        }
      }));
    }
    handOff.close(Duration.ZERO);
    long failed = 0;
    for (Future<RecordMetadata> f : sent) {
      // Every future completes: acknowledged, or failed (dropped from the queue or aborted by the producer).
      try {
        f.get();
      } catch (ExecutionException e) {
        failed++;
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    assertEquals(failed, failedCallbacks.get(), "a failed callback for every failed future");
    assertThrows(IllegalStateException.class,
        () -> handOff.send(new ProducerRecord<>(topic, 0, null, new byte[1]), null));
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, int valueBytes, boolean withHeader) {
    ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, 0, "key".getBytes(StandardCharsets.UTF_8),
        new byte[valueBytes]);
    if (withHeader) {
      r.headers().add("strand.dlq.reason", new byte[300]);
    }
    return r;
  }

  private static boolean refusedAsTooLarge(Future<RecordMetadata> f) throws InterruptedException {
    try {
      f.get();
      return false;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RecordTooLargeException) {
        return true;
      }
      throw new AssertionError("unexpected failure", e.getCause());
    }
  }

  private static long offsetOf(Future<RecordMetadata> f) {
    try {
      return f.get().offset();
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError(e);
    }
  }
}
