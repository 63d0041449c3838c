package io.strand.streams;

/**
 * Adds a record to an aggregate, for {@code aggregate}.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <A> the aggregate type
 */
@FunctionalInterface
public interface Aggregator<K, V, A> {

  /**
   * Adds a record.
   *
   * @param key the key
   * @param value the value
   * @param aggregate the aggregate so far
   * @return the new aggregate
   */
  A apply(K key, V value, A aggregate);
}
