package io.strand.benchmarks.data;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the benchmark input into a topic: {@link DataSpec#records()} records with 8-byte keys from
 * the {@link KeySampler}, fixed-size values and increasing event timestamps, partitioned by
 * Kafka's default partitioner (murmur2 of the key, as Kafka Streams and Strand's producers use).
 * While producing it computes the {@link Expected} counts of a sample of keys: the 20 most
 * frequent ids under Zipf (0-19) and 30 random ones.
 *
 * <p>Threading: one call at a time; the producer's callbacks only record the first error.
 */
public final class InputLoader {

  private static final Logger LOG = LoggerFactory.getLogger(InputLoader.class);
  /** Tumbling window size of the windowed workload, ms. */
  public static final long WINDOW_MS = 1_000;

  private final String bootstrapServers;

  /** @param bootstrapServers the broker */
  public InputLoader(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Produces the input into an existing topic and waits for every ack.
   *
   * @param topic the input topic (with {@link DataSpec#partitions()} partitions)
   * @param spec what to produce
   * @param eventTimeBaseMs timestamp of record 0, epoch ms
   * @return the expected counts of the sampled keys
   * @throws IllegalStateException if a send fails
   */
  public Expected load(String topic, DataSpec spec, long eventTimeBaseMs) {
    long began = System.nanoTime();
    Expected expected = Expected.tracking(sampleKeys(spec));
    KeySampler keys = new KeySampler(spec.keys(), spec.zipfExponent(), spec.seed());
    byte[] value = Payloads.value(spec.valueBytes(), 0);
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(HarnessClients.loader(bootstrapServers, false))) {
      for (long i = 0; i < spec.records() && failure.get() == null; i++) {
        long id = keys.next();
        long ts = eventTimeBaseMs + i * 1000 / spec.eventsPerSecond();
        expected.record(id, ts, WINDOW_MS);
        // The producer copies key and value into its batch during send(), so the value is shared.
        producer.send(new ProducerRecord<>(topic, null, ts, Payloads.key(id), value), (md, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("loading " + topic + " failed: " + failure.get(), failure.get());
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    LOG.info("Loaded {} records into {} in {} s ({} records/s)", spec.records(), topic,
        String.format("%.1f", seconds), String.format("%.0f", spec.records() / seconds));
    return expected;
  }

  private static Set<Long> sampleKeys(DataSpec spec) {
    Set<Long> ids = new LinkedHashSet<>();
    for (long i = 0; i < Math.min(20, spec.keys()); i++) {
      ids.add(i);
    }
    SplittableRandom random = new SplittableRandom(spec.seed() ^ 0x5eedL);
    while (ids.size() < Math.min(50, spec.keys())) {
      ids.add((long) random.nextInt(spec.keys()));
    }
    return ids;
  }
}
