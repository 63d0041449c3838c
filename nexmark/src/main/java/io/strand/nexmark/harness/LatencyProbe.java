package io.strand.nexmark.harness;

import io.strand.nexmark.generator.GeneratorConfig;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.NexmarkJson;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.BidderSession;
import io.strand.nexmark.query.results.HighestBid;
import io.strand.nexmark.query.results.HotItem;
import io.strand.nexmark.query.results.NewUser;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End-to-end latency of a query's results during a rate-limited generation: for each output
 * record, the wall-clock time it was read minus the time the generator was due to send the input
 * event that made the result possible (its "trigger"): the bid itself for q0–q2; for a window, the
 * first event at or after {@code windowEnd + watermark lag} (the watermark cannot close the window
 * earlier); for a session, the first event at or after {@code last bid + gap + lag}. Event numbers
 * follow from event times ({@link GeneratorConfig#firstEventAt}), due times from the rate. So the
 * figure is what the engine adds to the delay the query's definition imposes. Q3 and Q4 (tables
 * updated by either side) have no trigger and are not probed. One thread reads the output.
 */
final class LatencyProbe implements AutoCloseable {

  /** The queries with a trigger. */
  static final Set<Query> PROBED = Set.of(Query.Q0, Query.Q1, Query.Q2, Query.Q5, Query.Q7, Query.Q8, Query.Q11);

  private final Query query;
  private final GeneratorConfig generator;
  private final Histogram histogram = new Histogram(3_600_000_000L, 3);
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private volatile long startNanos;
  private volatile boolean stop;
  private volatile Exception failure;
  private long early;

  LatencyProbe(String bootstrapServers, String topic, Query query, GeneratorConfig generator) {
    this.query = query;
    this.generator = generator;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
    consumer = new KafkaConsumer<>(p);
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this::loop, "nexmark-latency-probe");
    thread.setDaemon(true);
  }

  /** Starts reading; event 0 was (or will be) due at {@code startNanos}. */
  void start(long generationStartNanos) {
    this.startNanos = generationStartNanos;
    thread.start();
  }

  private void loop() {
    try {
      while (!stop) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          long now = System.nanoTime();
          if (r.value() == null) {
            continue;
          }
          long due = startNanos + generator.firstEventAt(trigger(r)) * 1_000_000_000L / generator.ratePerSecond();
          long micros = (now - due) / 1000;
          if (micros < 0) {
            early++;
          }
          histogram.recordValue(Math.min(Math.max(micros, 0), histogram.getHighestTrackableValue()));
        }
      }
    } catch (Exception e) {
      failure = e;
    }
  }

  private long trigger(ConsumerRecord<byte[], byte[]> r) {
    long lag = NexmarkSemantics.WATERMARK_LAG_MS;
    return switch (query) {
      case Q0, Q1 -> NexmarkJson.read(r.value(), Bid.class).dateTime();
      case Q2 -> r.timestamp();
      case Q5 -> NexmarkJson.read(r.value(), HotItem.class).windowEnd() + lag;
      case Q7 -> NexmarkJson.read(r.value(), HighestBid.class).windowEnd() + lag;
      case Q8 -> NexmarkJson.read(r.value(), NewUser.class).windowEnd() + lag;
      case Q11 -> NexmarkJson.read(r.value(), BidderSession.class).windowEnd() + NexmarkSemantics.Q11_GAP_MS + lag;
      default -> throw new IllegalStateException(query + " has no latency trigger");
    };
  }

  /**
   * What was measured.
   *
   * @param count results read
   * @param p50Ms median latency, ms
   * @param p99Ms 99th percentile, ms
   * @param early results read before their trigger was due (counted as 0)
   */
  record Latency(long count, double p50Ms, double p99Ms, long early) {
  }

  /** Stops reading and returns the figures. */
  Latency finish() throws InterruptedException {
    stop = true;
    thread.join(10_000);
    if (failure != null) {
      throw new IllegalStateException("the latency probe failed", failure);
    }
    return new Latency(histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1000.0,
        histogram.getValueAtPercentile(99) / 1000.0, early);
  }

  @Override
  public void close() {
    stop = true;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close();
  }
}
