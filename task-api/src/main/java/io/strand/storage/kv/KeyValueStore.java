package io.strand.storage.kv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's local key-value state, as Samza's {@code KeyValueStore}: configured under
 * {@code stores.<name>.*}, obtained with {@code TaskContext.getStore(name)}, one instance per
 * task. When {@code stores.<name>.changelog} is set every write is also logged to a compacted
 * topic, and after a failure the store is restored to its state as of the last checkpoint.
 *
 * <p>Keys and values are serialized with {@code stores.<name>.key.serde} and {@code .msg.serde};
 * ordering, as in {@link #range}, is that of the serialized keys compared as unsigned bytes.
 *
 * <p>Null handling, the same for every engine: a null key is an {@link IllegalArgumentException};
 * putting a null value deletes the key; {@link #get} returns null for an absent key.
 *
 * <p>Threading: not thread-safe; use a store from its task's thread (for an
 * {@link io.strand.task.AsyncStreamTask}, synchronize calls made from callbacks). Writes are
 * buffered and become durable at the next commit; {@link #flush} is called by the container and
 * rarely needed by tasks.
 *
 * <p>Errors: besides the null-key rule, any method may throw an engine's unchecked exception or a
 * {@link io.strand.serializers.SerdeException} when a key or value cannot be (de)serialized.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface KeyValueStore<K, V> {

  /**
   * The value stored for a key.
   *
   * @param key the key
   * @return the value, or null if the key is absent
   * @throws IllegalArgumentException if {@code key} is null
   */
  V get(K key);

  /**
   * The values stored for several keys. The default calls {@link #get} per key; engines override it
   * with a batched read.
   *
   * @param keys the keys; duplicates are looked up once
   * @return a new map holding the keys that are present, with their values; absent keys are left out
   * @throws IllegalArgumentException if {@code keys} is null or holds a null key
   */
  default Map<K, V> getAll(List<K> keys) {
    if (keys == null) {
      throw new IllegalArgumentException("getAll needs a list of keys, got null");
    }
    Map<K, V> found = new HashMap<>();
    for (K key : keys) {
      V value = get(key);
      if (value != null) {
        found.put(key, value);
      }
    }
    return found;
  }

  /**
   * Stores a value for a key, replacing any earlier value.
   *
   * @param key the key
   * @param value the value; null deletes the key
   * @throws IllegalArgumentException if {@code key} is null
   */
  void put(K key, V value);

  /**
   * Stores several entries, in list order, so a later entry for the same key wins. The default
   * calls {@link #put} per entry; engines override it with a batched write.
   *
   * @param entries the entries; an entry with a null value deletes its key
   * @throws IllegalArgumentException if {@code entries} is null or holds a null entry
   */
  default void putAll(List<Entry<K, V>> entries) {
    if (entries == null) {
      throw new IllegalArgumentException("putAll needs a list of entries, got null");
    }
    for (Entry<K, V> entry : entries) {
      if (entry == null) {
        throw new IllegalArgumentException("putAll was given a null entry");
      }
      put(entry.key(), entry.value());
    }
  }

  /**
   * Removes a key; removing an absent key does nothing.
   *
   * @param key the key
   * @throws IllegalArgumentException if {@code key} is null
   */
  void delete(K key);

  /**
   * Removes several keys. The default calls {@link #delete} per key; engines override it with a
   * batched write.
   *
   * @param keys the keys
   * @throws IllegalArgumentException if {@code keys} is null or holds a null key
   */
  default void deleteAll(List<K> keys) {
    if (keys == null) {
      throw new IllegalArgumentException("deleteAll needs a list of keys, got null");
    }
    for (K key : keys) {
      delete(key);
    }
  }

  /**
   * The entries whose serialized keys lie in {@code [from, to)}, in serialized key order.
   *
   * @param from the first key included
   * @param to the first key excluded; a range with {@code to} at or before {@code from} is empty
   * @return an iterator that must be closed
   * @throws IllegalArgumentException if either bound is null
   */
  KeyValueIterator<K, V> range(K from, K to);

  /**
   * Every entry, in serialized key order.
   *
   * @return an iterator that must be closed
   */
  KeyValueIterator<K, V> all();

  /**
   * Pushes buffered writes down to the engine and, for a logged store, to the changelog producer.
   * The container calls it at every commit, before the producer flush.
   */
  void flush();
}
