package io.strand.streams;

/**
 * A function of a record's key and value, for {@link KStream#map}, {@link KStream#selectKey},
 * {@link KStream#flatMap} and {@link KStream#groupBy}.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <R> the result type
 */
@FunctionalInterface
public interface KeyValueMapper<K, V, R> {

  /**
   * Maps a record.
   *
   * @param key the key
   * @param value the value
   * @return the result
   */
  R apply(K key, V value);
}
