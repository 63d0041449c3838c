package io.strand.benchmarks.measure;

import io.strand.benchmarks.data.DataSpec;
import io.strand.benchmarks.data.HarnessClients;
import io.strand.benchmarks.data.KeySampler;
import io.strand.benchmarks.data.Payloads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;

/**
 * Measures end-to-end latency at a fixed offered load: a paced producer writes the job's input at
 * {@code rate} records/s, stamping each value with its produce time (epoch µs, {@link Payloads}),
 * and a consumer of the job's output records {@code receive time - produce time} into an
 * HdrHistogram (µs, 3 significant digits) for every output whose input was produced after the
 * warm-up. The warm-up is adaptive ({@link CatchUp}): it lasts at least its set length, then until
 * the outputs' median latency has stopped falling (the job caught up with its input), at most until
 * a deadline; the result says which and how long. Both clients run in the harness JVM, on the same host clock as the job. The consumer
 * starts at the output's end, so one job can be measured at several loads in turn.
 *
 * <p>The load producer sends with {@code acks=1}, {@code linger.ms=1} and no compression, so its own
 * batching adds at most about a millisecond and it makes little garbage (see {@code producerProps});
 * its pacing tops up the sent count every 200 µs by default ({@link #pace}).
 *
 * <p>Each measurement's outputs are noted and judged by a {@link MeasuredWindow}: its percentiles,
 * its parts' spread, and whether it was saturated (the offered load built a queue on this machine).
 *
 * <p>Where the time goes: when the job's topics carry the broker's append time
 * ({@code message.timestamp.type=LogAppendTime}, as the suite's latency runs create them), the probe
 * also splits the latency at the broker's logs ({@link #STAGES}): from the load producer's stamp to
 * the input's log (the load generator's side: its batching, its JVM's pauses, the broker's append),
 * from there to a consumer (the input hop's fetch, low point only), from the stamp to the output's
 * log (everything up to the job's output being written) and from the output's log to the probe (the
 * probe's own fetch). The harness JVM's GC time over the run is reported too.
 *
 * <p>Threading: {@link #measure} runs the producer on the caller's thread and the consumer on its own.
 */
public final class LatencyProbe {

  /** How long outputs may trail the end of the load; a job that needs longer is saturated anyway. */
  public static final long DRAIN_MS = 5_000;

  /** Stage names of {@link LatencyResult#stages()}, in order. */
  public static final List<String> STAGES = List.of("load producer to input log", "input log to a consumer",
      "load producer to output log", "output log to the probe");

  /** Topic config that makes the broker stamp records with their append time (what {@link #STAGES} need). */
  public static final Map<String, String> APPEND_TIME = Map.of("message.timestamp.type",
      "LogAppendTime");

  private final String bootstrapServers;
  private final DataSpec data;
  /** Told when each measured window opens and ends, if set. */
  private volatile WindowResources resources;
  /** How often the load thread wakes to top up the sent count, ns. */
  private volatile long paceNanos = DEFAULT_PACE_NANOS;
  /** Epoch µs at which the last measured window opened (its parts count from here). */
  private volatile long lastWindowFromMicros = Long.MIN_VALUE;

  /** The load thread's default wake-up period: 200 µs. */
  public static final long DEFAULT_PACE_NANOS = 200_000;

  /**
   * @param bootstrapServers the broker
   * @param data key space and value size of the offered records
   */
  public LatencyProbe(String bootstrapServers, DataSpec data) {
    this.bootstrapServers = bootstrapServers;
    this.data = data;
  }

  /**
   * Has the CPU and the broker's requests of every later measured window noted.
   *
   * @param resources what notes them (the caller reads it after each {@link #measure})
   */
  public void resources(WindowResources resources) {
    this.resources = resources;
  }

  /**
   * Sets how often the load thread wakes to send what is due (default {@value #DEFAULT_PACE_NANOS} ns).
   * Each record is stamped when it is sent, so a longer pace sends bursts but does not hide their wait.
   *
   * @param pace the wake-up period, positive
   */
  public void pace(Duration pace) {
    if (pace.isNegative() || pace.isZero()) {
      throw new IllegalArgumentException("pace must be positive, was " + pace);
    }
    this.paceNanos = pace.toNanos();
  }

  /** @return epoch µs at which the last measured window opened, or {@link Long#MIN_VALUE} before the first */
  public long lastWindowFromMicros() {
    return lastWindowFromMicros;
  }

  /**
   * Offers load, then waits (up to {@value #DRAIN_MS} ms) for the outputs of every measured input.
   *
   * @param input the job's input topic
   * @param output the job's output topic
   * @param rate offered records/s
   * @param warmup load offered but not measured
   * @param measured load offered and measured
   * @return the latency distribution
   * @throws InterruptedException if interrupted
   * @throws IllegalStateException if a send or the output consumer fails
   */
  public LatencyResult measure(String input, String output, double rate, Duration warmup, Duration measured)
      throws InterruptedException {
    return measure(input, output, rate, warmup, warmup, measured, false);
  }

  /**
   * Offers load, then waits (up to {@value #DRAIN_MS} ms) for the outputs of every measured input;
   * optionally also measures the input hop alone, with a second consumer reading the job's input as
   * the job does (same host, same fetch settings as the probe's output consumer).
   *
   * @param input the job's input topic
   * @param output the job's output topic
   * @param rate offered records/s
   * @param warmup load offered but not measured, at least
   * @param maxWarmup load offered but not measured, at most: after {@code warmup} the window opens
   *     as soon as the job has caught up ({@link CatchUp}), and at this deadline if it has not
   * @param measured load offered and measured
   * @param inputHop whether to measure the input hop too (one more consumer at the offered rate:
   *     meant for low loads, where it costs the machine little)
   * @return the latency distribution
   * @throws InterruptedException if interrupted
   * @throws IllegalStateException if a send or a consumer fails
   */
  public LatencyResult measure(String input, String output, double rate, Duration warmup, Duration maxWarmup,
      Duration measured, boolean inputHop) throws InterruptedException {
    MeasuredWindow window = new MeasuredWindow(measured);
    Thread consumer = new Thread(() -> consume(output, window), "latency-consumer");
    consumer.start();
    MeasuredWindow inWindow = inputHop ? new MeasuredWindow(measured) : null;
    Thread inConsumer = inputHop ? new Thread(() -> consume(input, inWindow), "latency-input-consumer") : null;
    if (inConsumer != null) {
      inConsumer.start();
    }
    for (MeasuredWindow w : inputHop ? List.of(window, inWindow) : List.of(window)) {
      if (!w.positioned.await(60, TimeUnit.SECONDS)) {
        consumer.interrupt();
        if (inConsumer != null) {
          inConsumer.interrupt();
        }
        throw new IllegalStateException("the latency probe's consumer did not get positioned on "
            + (w == window ? output : input) + (w.failure.get() == null ? "" : ": " + w.failure.get()));
      }
    }

    long sentMeasured = 0;
    long gcBefore = gcMillis();
    long began = System.nanoTime();
    long warmupNanos = warmup.toNanos();
    long maxWarmupNanos = Math.max(warmupNanos, maxWarmup.toNanos());
    long endNanos = Long.MAX_VALUE;
    boolean caughtUp = false;
    KeySampler keys = new KeySampler(data.keys(), data.zipfExponent(), data.seed() + 1);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps())) {
      long sent = 0;
      boolean measuring = false;
      while (true) {
        long elapsed = System.nanoTime() - began;
        if (elapsed >= endNanos) {
          if (resources != null) {
            resources.windowClosed();
          }
          break;
        }
        if (!measuring && elapsed >= warmupNanos && ((caughtUp = window.catchUp.caughtUp())
            || elapsed >= maxWarmupNanos)) {
          measuring = true;
          endNanos = elapsed + measured.toNanos();
          if (resources != null) {
            resources.windowOpened();
          }
          long from = Payloads.nowMicros();
          lastWindowFromMicros = from;
          window.open(from, measured);
          if (inWindow != null) {
            inWindow.open(from, measured);
          }
        }
        long target = (long) (elapsed / 1e9 * rate);
        while (sent < target) {
          long now = Payloads.nowMicros();
          producer.send(new ProducerRecord<>(input, null, now / 1000, Payloads.key(keys.next()),
              Payloads.value(data.valueBytes(), now)), (md, e) -> {
                if (e != null) {
                  window.failure.compareAndSet(null, e);
                }
              });
          sent++;
          if (measuring) {
            sentMeasured++;
          }
        }
        LockSupport.parkNanos(paceNanos);
      }
      producer.flush();
    }
    window.expected.set(sentMeasured);
    if (inWindow != null) {
      inWindow.expected.set(sentMeasured);
      inConsumer.join(DRAIN_MS + 10_000);
      inConsumer.interrupt();
      inConsumer.join(10_000);
      if (inWindow.failure.get() != null) {
        throw new IllegalStateException("latency probe failed: " + inWindow.failure.get(), inWindow.failure.get());
      }
    }
    consumer.join(DRAIN_MS + 10_000);
    consumer.interrupt();
    consumer.join(10_000);
    if (window.failure.get() != null) {
      throw new IllegalStateException("latency probe failed: " + window.failure.get(), window.failure.get());
    }
    long harnessGcMs = gcMillis() - gcBefore;
    return window.result(rate, measured, sentMeasured, Optional.ofNullable(inWindow), harnessGcMs,
        new LatencyResult.Warmup((endNanos - measured.toNanos()) / 1e6, caughtUp, window.catchUp.slices()));
  }

  /** @return GC time of this JVM so far, ms (collectors that do not tell count as 0) */
  private static long gcMillis() {
    long ms = 0;
    for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory
        .getGarbageCollectorMXBeans()) {
      ms += Math.max(0, gc.getCollectionTime());
    }
    return ms;
  }

  private void consume(String output, MeasuredWindow w) {
    Properties p = HarnessClients.consumer(bootstrapServers);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5"); // the probe's own wait must not count as the job's
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = c.partitionsFor(output).stream()
          .map(i -> new TopicPartition(output, i.partition())).toList();
      c.assign(partitions);
      c.seekToEnd(partitions);
      partitions.forEach(c::position); // resolves the lazy seek before the load starts
      w.positioned.countDown();
      long drainDeadline = Long.MAX_VALUE;
      while (!Thread.currentThread().isInterrupted()) {
        ConsumerRecords<byte[], byte[]> polled = c.poll(Duration.ofMillis(20));
        boolean warmingUp = w.warmingUp();
        long nowNanos = System.nanoTime();
        if (warmingUp) {
          w.catchUp.tick(nowNanos);
        }
        for (ConsumerRecord<byte[], byte[]> r : polled) {
          long now = Payloads.nowMicros();
          long origin = Payloads.originMicros(r.value());
          if (warmingUp) {
            w.catchUp.record(nowNanos, now - origin);
          } else {
            // Append time in ms: its floor, so the split is good to a millisecond.
            w.record(origin, now, r.timestampType() == TimestampType.LOG_APPEND_TIME ? r.timestamp() * 1000 : -1);
          }
        }
        if (w.expected.get() != Long.MAX_VALUE) {
          if (drainDeadline == Long.MAX_VALUE) {
            drainDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MS);
          }
          if (w.received.get() >= w.expected.get() || System.nanoTime() > drainDeadline) {
            return;
          }
        }
      }
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      // Told to stop.
    } catch (RuntimeException e) {
      w.failure.compareAndSet(null, e);
    }
  }

  private Properties producerProps() {
    Properties p = HarnessClients.producer(bootstrapServers);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
    // Uncompressed: at linger.ms=1 a batch holds a few records, and every lz4 batch allocates its own
    // two 64 KiB block buffers. At 20 k records/s that made the harness JVM allocate ~0.5 GB/s and
    // collect every ~0.4 s, and each pause held records already stamped (and the probe's receive
    // times): the load generator's own pauses counted as every engine's latency.
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    return p;
  }
}
