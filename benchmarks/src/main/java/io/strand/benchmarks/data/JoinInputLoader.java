package io.strand.benchmarks.data;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the inputs of the join workloads ({@link JoinPayloads}) and computes what the windowed
 * join must give.
 *
 * <ul>
 *   <li>the table: one record per key id of the key space, each timestamped a second before the
 *       input's first record (so an engine that orders its inputs by time, as Kafka Streams does,
 *       reads the table first);</li>
 *   <li>the join's two sides: {@link DataSpec#records()} records each, keys drawn as the main
 *       input's (two other seeds), event times as the main input's ({@code base + i * 1000 /
 *       eventsPerSecond}), so both sides cover the same time at the same density.</li>
 * </ul>
 *
 * <p>Threading: one call at a time.
 */
public final class JoinInputLoader {

  private static final Logger LOG = LoggerFactory.getLogger(JoinInputLoader.class);
  private static final long LEFT_SEED = 0x1ef7L;
  private static final long RIGHT_SEED = 0x519e7L;

  private final String bootstrapServers;

  /** @param bootstrapServers the broker */
  public JoinInputLoader(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * What the inner windowed join of the two sides gives: every pair of a left and a right record
   * with one key whose event times differ by at most {@link JoinPayloads#WINDOW_MS}.
   *
   * @param pairs how many
   * @param digest the sum of {@link JoinPayloads#digest(long, long, long)} over the pairs
   */
  public record JoinTruth(long pairs, long digest) {
  }

  /**
   * Produces the table into an existing (compacted) topic and waits for every ack.
   *
   * @param topic the topic, with the spec's partitions
   * @param spec the input's shape (its key space)
   * @param eventTimeBaseMs timestamp of the main input's record 0
   */
  public void loadTable(String topic, DataSpec spec, long eventTimeBaseMs) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(HarnessClients.loader(bootstrapServers, false))) {
      for (long id = 0; id < spec.keys() && failure.get() == null; id++) {
        producer.send(new ProducerRecord<>(topic, null, eventTimeBaseMs - 1_000, Payloads.key(id),
            JoinPayloads.tableValue(id)), (md, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    failIf(topic, failure);
    LOG.info("Loaded {} table records into {}", spec.keys(), topic);
  }

  /**
   * Produces both sides of the join into existing co-partitioned topics and waits for every ack.
   *
   * @param left the left topic
   * @param right the right topic
   * @param spec what to produce on each side
   * @param eventTimeBaseMs timestamp of each side's record 0
   * @return the join's truth
   */
  public JoinTruth loadJoin(String left, String right, DataSpec spec, long eventTimeBaseMs) {
    long began = System.nanoTime();
    int[] leftKeys = load(left, spec, LEFT_SEED, eventTimeBaseMs);
    int[] rightKeys = load(right, spec, RIGHT_SEED, eventTimeBaseMs);
    JoinTruth truth = truth(leftKeys, rightKeys, spec.keys(), spec.eventsPerSecond(), eventTimeBaseMs,
        JoinPayloads.WINDOW_MS);
    LOG.info("Loaded {} records into each of {} and {} in {} s; the join gives {} pairs", spec.records(), left, right,
        String.format("%.1f", (System.nanoTime() - began) / 1e9), truth.pairs());
    return truth;
  }

  private int[] load(String topic, DataSpec spec, long seed, long eventTimeBaseMs) {
    if (spec.records() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("the join workloads load at most " + (Integer.MAX_VALUE - 8) + " records");
    }
    int[] keys = new int[(int) spec.records()];
    KeySampler sampler = new KeySampler(spec.keys(), spec.zipfExponent(), spec.seed() ^ seed);
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(HarnessClients.loader(bootstrapServers, false))) {
      for (int i = 0; i < keys.length && failure.get() == null; i++) {
        keys[i] = (int) sampler.next();
        long ts = time(i, spec.eventsPerSecond(), eventTimeBaseMs);
        producer.send(new ProducerRecord<>(topic, null, ts, Payloads.key(keys[i]),
            JoinPayloads.joinValue(spec.valueBytes(), ts)), (md, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    failIf(topic, failure);
    return keys;
  }

  /**
   * The pairs of an inner join with window {@code [t - window, t + window]}, computed per key over
   * the records' indexes (event time grows with the index, so each key's times are sorted).
   *
   * @param leftKeys key id of each left record, by index
   * @param rightKeys key id of each right record, by index
   * @param keySpace key ids are below this
   * @param eventsPerSecond event-time density
   * @param base event time of record 0
   * @param window the window before and after, ms
   * @return the truth
   */
  static JoinTruth truth(int[] leftKeys, int[] rightKeys, int keySpace, int eventsPerSecond, long base, long window) {
    int[][] left = byKey(leftKeys, keySpace);
    int[][] right = byKey(rightKeys, keySpace);
    long pairs = 0;
    long digest = 0;
    for (int k = 0; k < keySpace; k++) {
      int[] r = right[k];
      int from = 0;
      for (int li : left[k]) {
        long t = time(li, eventsPerSecond, base);
        while (from < r.length && time(r[from], eventsPerSecond, base) < t - window) {
          from++;
        }
        for (int j = from; j < r.length; j++) {
          long rt = time(r[j], eventsPerSecond, base);
          if (rt > t + window) {
            break;
          }
          pairs++;
          digest += JoinPayloads.digest(k, t, rt);
        }
      }
    }
    return new JoinTruth(pairs, digest);
  }

  /** @return the record indexes of each key, ascending */
  private static int[][] byKey(int[] keys, int keySpace) {
    int[] counts = new int[keySpace];
    for (int k : keys) {
      counts[k]++;
    }
    int[][] byKey = new int[keySpace][];
    for (int k = 0; k < keySpace; k++) {
      byKey[k] = new int[counts[k]];
      counts[k] = 0;
    }
    for (int i = 0; i < keys.length; i++) {
      byKey[keys[i]][counts[keys[i]]++] = i;
    }
    return byKey;
  }

  private static long time(long index, int eventsPerSecond, long base) {
    return base + index * 1000 / eventsPerSecond;
  }

  private static void failIf(String topic, AtomicReference<Exception> failure) {
    if (failure.get() != null) {
      throw new IllegalStateException("loading " + topic + " failed: " + failure.get(), failure.get());
    }
  }
}
