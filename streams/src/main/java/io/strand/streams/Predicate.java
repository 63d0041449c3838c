package io.strand.streams;

/**
 * A test on a record, for {@link KStream#filter} and branches.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface Predicate<K, V> {

  /**
   * Tests a record.
   *
   * @param key the key
   * @param value the value
   * @return true to keep it
   */
  boolean test(K key, V value);
}
