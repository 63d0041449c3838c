package io.strand.storage.kv;

/**
 * One key and its value, as read from or written to a {@link KeyValueStore}. Immutable as a
 * value; the key and value objects themselves are not copied.
 *
 * @param key the key; never null
 * @param value the value; null only in an entry given to {@link KeyValueStore#putAll}, where it
 *     means delete
 * @param <K> the key type
 * @param <V> the value type
 */
public record Entry<K, V>(K key, V value) {

  /**
   * Checks the key.
   *
   * @param key the key; never null
   * @param value the value; null only in an entry given to {@link KeyValueStore#putAll}, where it
   *     means delete
   * @throws IllegalArgumentException if {@code key} is null
   */
  public Entry {
    if (key == null) {
      throw new IllegalArgumentException("a store entry needs a key; null keys are not allowed");
    }
  }

  /**
   * The key, under Samza's accessor name.
   *
   * @return the key
   */
  public K getKey() {
    return key;
  }

  /**
   * The value, under Samza's accessor name.
   *
   * @return the value
   */
  public V getValue() {
    return value;
  }
}
