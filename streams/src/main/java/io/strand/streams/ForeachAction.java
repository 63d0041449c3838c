package io.strand.streams;

/**
 * An action on a record, for {@link KStream#peek}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface ForeachAction<K, V> {

  /**
   * Acts on a record.
   *
   * @param key the key
   * @param value the value
   */
  void apply(K key, V value);
}
