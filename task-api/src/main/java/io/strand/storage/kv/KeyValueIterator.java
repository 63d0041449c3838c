package io.strand.storage.kv;

import java.util.Iterator;

/**
 * An iterator over store entries that holds engine resources (for RocksDB, a native iterator and
 * the snapshot it reads) until it is closed, as Samza's {@code KeyValueIterator}.
 *
 * <p>It must be closed, best with try-with-resources; an unclosed iterator leaks native memory and
 * can stop the store from reclaiming space. Writing to the store while iterating (say, deleting
 * expired entries in {@code window}) is allowed and never invalidates the iterator; whether the
 * iterator sees those writes depends on the engine (RocksDB's does not). Use it from one thread
 * only. {@code remove()} is not supported: call {@code store.delete(entry.key())}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface KeyValueIterator<K, V> extends Iterator<Entry<K, V>>, AutoCloseable {

  /** Releases the iterator's resources; later calls do nothing. Never throws a checked exception. */
  @Override
  void close();
}
