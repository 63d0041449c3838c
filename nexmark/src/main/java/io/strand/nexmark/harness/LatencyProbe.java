package io.strand.nexmark.harness;

import io.strand.nexmark.latency.InputAppends;
import io.strand.nexmark.latency.LatencyFigures;
import io.strand.nexmark.latency.ResultTriggers;
import io.strand.nexmark.model.NexmarkJson;
import io.strand.nexmark.query.Query;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a latency run's output and measures each result: its append to the output (the record's
 * {@code LogAppendTime}: the harness creates the output topic so, whatever timestamp an engine
 * sets) minus the moment it became due ({@link ResultTriggers}: the input bid's append for q0-q2,
 * the later of the joined pair's for q3, the watermark passing the window end for q5/q7/q8/q11),
 * input appends as {@link InputAppends} recorded them. Both are the machine's wall clock in ms (the
 * broker runs on it). Results due during the first {@link #WARM_UP_MS} of the generation (a cold
 * JVM's start-up) are counted apart, not measured. One thread reads the output; the figures are
 * computed once the run is over, when every input append is known.
 */
final class LatencyProbe implements AutoCloseable {

  /** Results due this long after the generation's start are not measured, ms. */
  static final long WARM_UP_MS = 5_000;

  private final Query query;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final Thread thread;
  private final List<Output> outputs = new ArrayList<>();
  private volatile boolean stop;
  private volatile Exception failure;

  /** One output record: its append time and value. */
  record Output(long appendMs, byte[] value) {
  }

  LatencyProbe(String bootstrapServers, String topic, Query query) {
    this.query = query;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
    consumer = new KafkaConsumer<>(p);
    partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this::loop, "nexmark-latency-probe");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void loop() {
    try {
      while (!stop) {
        take(consumer.poll(Duration.ofMillis(100)));
      }
      // The run is over: read up to the output's end, so no late result is left out.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the latency probe could not read its output to the end within 60 s");
        }
        take(consumer.poll(Duration.ofMillis(100)));
      }
    } catch (Exception e) {
      failure = e;
    }
  }

  private void take(Iterable<ConsumerRecord<byte[], byte[]>> records) {
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (r.timestampType() != TimestampType.LOG_APPEND_TIME) {
        throw new IllegalStateException("output " + r.topic() + " has " + r.timestampType()
            + " timestamps; the latency run needs message.timestamp.type=LogAppendTime");
      }
      if (r.value() != null) {
        outputs.add(new Output(r.timestamp(), r.value()));
      }
    }
  }

  /**
   * Stops reading (after reading the output to its end) and measures every result.
   *
   * @param triggers the query's rules over the live generation
   * @param appends the generation's input appends (complete: the generation is over)
   * @param generationStartMs when event 0 was due, ms since the epoch
   * @return the figures
   * @throws IllegalStateException if reading the output failed
   */
  LatencyFigures finish(ResultTriggers triggers, InputAppends appends, long generationStartMs)
      throws InterruptedException {
    stop = true;
    thread.join(120_000);
    if (failure != null) {
      throw new IllegalStateException("the latency probe failed", failure);
    }
    return measure(query, outputs, triggers, appends, generationStartMs + WARM_UP_MS);
  }

  /** Each output's latency against its due time; unmatched and warm-up results counted apart. */
  static LatencyFigures measure(Query query, List<Output> outputs, ResultTriggers triggers, InputAppends appends,
      long measuredFromMs) {
    long[] latencies = new long[outputs.size()];
    int n = 0;
    long unmatched = 0;
    long warmUp = 0;
    for (Output o : outputs) {
      long due = triggers.dueMs(NexmarkJson.read(o.value(), query.resultType()), appends);
      if (due < 0) {
        unmatched++;
      } else if (due < measuredFromMs) {
        warmUp++;
      } else {
        latencies[n++] = o.appendMs() - due;
      }
    }
    return LatencyFigures.of(Arrays.copyOf(latencies, n), unmatched, warmUp);
  }

  @Override
  public void close() {
    stop = true;
    try {
      thread.join(120_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close();
  }
}
