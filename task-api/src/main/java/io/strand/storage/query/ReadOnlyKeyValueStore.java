package io.strand.storage.query;

import io.strand.storage.kv.KeyValueIterator;

/**
 * A read-only view of a named key-value store across the tasks of a running job, as Kafka Streams'
 * {@code ReadOnlyKeyValueStore}. See the {@linkplain io.strand.storage.query package} for what a
 * reader sees while the tasks write.
 *
 * <p>Threading: safe from any thread; the view never blocks the task thread except for the time
 * one read holds the engine (a store is closed only after reads in progress have ended).
 *
 * @param <K> the key type (the store's key serde's)
 * @param <V> the value type (the store's value serde's)
 */
public interface ReadOnlyKeyValueStore<K, V> {

  /**
   * The value of a key, read from the task that owns it: the key is serialized with the store's
   * key serde and mapped to its partition as Kafka's default partitioner does (murmur2 of the
   * serialized key, modulo the job's task count), and read from the task of that changelog
   * partition.
   *
   * @param key the key, not null
   * @return the value, or null if the key is absent
   * @throws KeyNotLocalException if the owning task runs in a container outside this JVM
   * @throws StoreUnavailableException if the store is not (or no longer) served here
   * @throws NullPointerException if {@code key} is null
   */
  V get(K key);

  /**
   * The entries whose serialized keys lie in {@code [from, to)} (unsigned byte order), in every
   * task of this JVM: ordered by serialized key within one task, one task after another. Close
   * the iterator.
   *
   * @param from the first key, inclusive
   * @param to the end key, exclusive
   * @return the entries
   * @throws StoreUnavailableException if the store is not served here; an open iterator's next
   *     call throws it once the store is closed
   */
  KeyValueIterator<K, V> range(K from, K to);

  /**
   * Every entry, in every task of this JVM, ordered as {@link #range}. Close the iterator.
   *
   * @return the entries
   * @throws StoreUnavailableException if the store is not served here
   */
  KeyValueIterator<K, V> all();
}
