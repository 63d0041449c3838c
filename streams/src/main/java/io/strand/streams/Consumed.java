package io.strand.streams;

import io.strand.serializers.Serde;
import java.time.Duration;

/**
 * How an input is read, as Kafka Streams' {@code Consumed}: serdes (null: the system's
 * {@code samza.key.serde} / {@code samza.msg.serde}), the event time (null extractor: the Kafka
 * record timestamp), the bounded out-of-orderness of its watermark and the idle timeout after
 * which a caught-up partition without records stops holding the task's watermark back (negative:
 * the job's {@code streams.watermark.idle.timeout.ms}, which says more).
 *
 * @param keySerde the keys' serde, or null for the system's
 * @param valueSerde the values' serde, or null for the system's
 * @param timestampExtractor the event time, or null for the record timestamp
 * @param outOfOrdernessMs how far behind the highest event time seen a record may be and still be
 *     on time, ms (Flink's bounded out-of-orderness); the partition's watermark is the highest
 *     event time seen minus this
 * @param idleTimeoutMs ms without a record after which the partition, once caught up, is idle, or
 *     negative for the job's default
 * @param <K> the key type
 * @param <V> the value type
 */
public record Consumed<K, V>(Serde<K> keySerde, Serde<V> valueSerde, TimestampExtractor<K, V> timestampExtractor,
    long outOfOrdernessMs, long idleTimeoutMs) {

  /**
   * Checks the spans.
   *
   * @throws IllegalArgumentException if the out-of-orderness is negative
   */
  public Consumed {
    if (outOfOrdernessMs < 0) {
      throw new IllegalArgumentException("out-of-orderness must be >= 0 ms, got " + outOfOrdernessMs);
    }
  }

  /**
   * The input with these serdes.
   *
   * @param keySerde the keys' serde
   * @param valueSerde the values' serde
   * @param <K> the key type
   * @param <V> the value type
   * @return the settings
   */
  public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
    return new Consumed<>(keySerde, valueSerde, null, 0, -1);
  }

  /**
   * The input with the system's serdes.
   *
   * @param <K> the key type
   * @param <V> the value type
   * @return the settings
   */
  public static <K, V> Consumed<K, V> withSystemSerdes() {
    return new Consumed<>(null, null, null, 0, -1);
  }

  /**
   * These settings with an event time taken from the record.
   *
   * @param extractor the event time
   * @return the settings
   */
  public Consumed<K, V> withTimestampExtractor(TimestampExtractor<K, V> extractor) {
    return new Consumed<>(keySerde, valueSerde, extractor, outOfOrdernessMs, idleTimeoutMs);
  }

  /**
   * These settings with a bounded out-of-orderness.
   *
   * @param outOfOrderness how late a record may be relative to the highest event time seen
   * @return the settings
   */
  public Consumed<K, V> withOutOfOrderness(Duration outOfOrderness) {
    return new Consumed<>(keySerde, valueSerde, timestampExtractor, outOfOrderness.toMillis(), idleTimeoutMs);
  }

  /**
   * These settings with an idle timeout.
   *
   * @param idleTimeout processing time without records after which a caught-up partition is idle
   * @return the settings
   */
  public Consumed<K, V> withIdleTimeout(Duration idleTimeout) {
    return new Consumed<>(keySerde, valueSerde, timestampExtractor, outOfOrdernessMs, idleTimeout.toMillis());
  }
}
