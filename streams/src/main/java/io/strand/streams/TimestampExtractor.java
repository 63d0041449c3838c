package io.strand.streams;

/**
 * The event time of an input record, as Kafka Streams' {@code TimestampExtractor}.
 *
 * <p>Threading: may be called from several tasks' threads at once; keep it stateless.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface TimestampExtractor<K, V> {

  /**
   * The record's event time.
   *
   * @param key the deserialized key
   * @param value the deserialized value
   * @param recordTimestampMs the Kafka record timestamp, ms since the epoch, or -1 when it has none
   * @return the event time, ms since the epoch
   */
  long extract(K key, V value, long recordTimestampMs);
}
