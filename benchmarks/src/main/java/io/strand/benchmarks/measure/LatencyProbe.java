package io.strand.benchmarks.measure;

import io.strand.benchmarks.data.DataSpec;
import io.strand.benchmarks.data.KeySampler;
import io.strand.benchmarks.data.Payloads;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Measures end-to-end latency at a fixed offered load: a paced producer writes the job's input at
 * {@code rate} records/s, stamping each value with its produce time (epoch µs, {@link Payloads}),
 * and a consumer of the job's output records {@code receive time - produce time} into an
 * HdrHistogram (µs, 3 significant digits) for every output whose input was produced after the
 * warm-up. Both clients run in the harness JVM, on the same host clock as the job.
 *
 * <p>The load producer sends with {@code acks=1}, {@code linger.ms=1} and lz4, so its own batching
 * adds at most about a millisecond; its pacing tops up the sent count every 200 µs.
 *
 * <p>Threading: {@link #measure} runs the producer on the caller's thread and the consumer on its own.
 */
public final class LatencyProbe {

  private static final long DRAIN_MS = 15_000;
  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

  private final String bootstrapServers;
  private final DataSpec data;

  /**
   * @param bootstrapServers the broker
   * @param data key space and value size of the offered records
   */
  public LatencyProbe(String bootstrapServers, DataSpec data) {
    this.bootstrapServers = bootstrapServers;
    this.data = data;
  }

  /**
   * Offers load, then waits (up to 15 s) for the outputs of every measured input.
   *
   * @param input the job's (empty, fresh) input topic
   * @param output the job's output topic
   * @param rate offered records/s
   * @param warmup load offered but not measured
   * @param measured load offered and measured
   * @return the latency distribution
   * @throws InterruptedException if interrupted
   */
  public LatencyResult measure(String input, String output, double rate, Duration warmup, Duration measured)
      throws InterruptedException {
    Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
    AtomicLong measureFromMicros = new AtomicLong(Long.MAX_VALUE);
    AtomicLong received = new AtomicLong();
    AtomicLong expected = new AtomicLong(Long.MAX_VALUE);
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread consumer = new Thread(() -> consume(output, histogram, measureFromMicros, received, expected, failure),
        "latency-consumer");
    consumer.start();

    long sentMeasured = 0;
    long began = System.nanoTime();
    long warmupNanos = warmup.toNanos();
    long endNanos = warmupNanos + measured.toNanos();
    KeySampler keys = new KeySampler(data.keys(), data.zipfExponent(), data.seed() + 1);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps())) {
      long sent = 0;
      boolean measuring = false;
      while (true) {
        long elapsed = System.nanoTime() - began;
        if (elapsed >= endNanos) {
          break;
        }
        if (!measuring && elapsed >= warmupNanos) {
          measuring = true;
          measureFromMicros.set(Payloads.nowMicros());
        }
        long target = (long) (elapsed / 1e9 * rate);
        while (sent < target) {
          long now = Payloads.nowMicros();
          producer.send(new ProducerRecord<>(input, null, now / 1000, Payloads.key(keys.next()),
              Payloads.value(data.valueBytes(), now)), (md, e) -> {
                if (e != null) {
                  failure.compareAndSet(null, e);
                }
              });
          sent++;
          if (measuring) {
            sentMeasured++;
          }
        }
        LockSupport.parkNanos(200_000);
      }
      producer.flush();
    }
    expected.set(sentMeasured);
    consumer.join(DRAIN_MS + 10_000);
    consumer.interrupt();
    if (failure.get() != null) {
      throw new IllegalStateException("latency probe failed: " + failure.get(), failure.get());
    }
    return new LatencyResult(rate, sentMeasured / (measured.toNanos() / 1e9), sentMeasured, received.get(),
        histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
        histogram.getValueAtPercentile(99.9) / 1000.0, histogram.getMaxValue() / 1000.0);
  }

  private void consume(String output, Histogram histogram, AtomicLong measureFromMicros, AtomicLong received,
      AtomicLong expected, AtomicReference<Exception> failure) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5"); // the probe's own wait must not count as the job's
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = c.partitionsFor(output).stream()
          .map(i -> new TopicPartition(output, i.partition())).toList();
      c.assign(partitions);
      c.seekToBeginning(partitions);
      long drainDeadline = Long.MAX_VALUE;
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(20))) {
          long now = Payloads.nowMicros();
          long origin = Payloads.originMicros(r.value());
          if (origin >= measureFromMicros.get()) {
            histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, now - origin)));
            received.incrementAndGet();
          }
        }
        if (expected.get() != Long.MAX_VALUE) {
          if (drainDeadline == Long.MAX_VALUE) {
            drainDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MS);
          }
          if (received.get() >= expected.get() || System.nanoTime() > drainDeadline) {
            return;
          }
        }
      }
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      // Told to stop.
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  private Properties producerProps() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    return p;
  }
}
