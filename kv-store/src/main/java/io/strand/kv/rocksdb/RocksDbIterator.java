package io.strand.kv.rocksdb;

import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import java.util.NoSuchElementException;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A RocksDB iterator as a {@link KeyValueIterator}. It reads the implicit snapshot RocksDB takes
 * when the iterator is created, so writes made while iterating neither break it nor show up in
 * it. An upper bound, when given, is RocksDB's {@code iterate_upper_bound}, so the engine stops
 * at the bound instead of reading past it. Holds native memory (the iterator, its read options
 * and bound, and the blocks and memtables it pins) until {@link #close}; the store closes
 * leftovers on its own close.
 *
 * <p>Threading: one thread, as the store.
 */
final class RocksDbIterator implements KeyValueIterator<byte[], byte[]> {
  private final RocksDbStore store;
  private final RocksIterator iterator;
  private final ReadOptions readOptions;
  private final Slice upperBound;
  private boolean closed;

  RocksDbIterator(RocksDbStore store, RocksIterator iterator, ReadOptions readOptions, Slice upperBound) {
    this.store = store;
    this.iterator = iterator;
    this.readOptions = readOptions;
    this.upperBound = upperBound;
  }

  @Override
  public boolean hasNext() {
    checkOpen();
    if (iterator.isValid()) {
      return true;
    }
    try {
      // Invalid means either the end or a read error; only status() tells them apart.
      iterator.status();
    } catch (RocksDBException e) {
      throw store.failure("iterate", e);
    }
    return false;
  }

  @Override
  public Entry<byte[], byte[]> next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more entries in store '" + store.name() + "'");
    }
    Entry<byte[], byte[]> entry = new Entry<>(iterator.key(), iterator.value());
    iterator.next();
    return entry;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    store.forget(this);
    // The iterator references the read options and the bound: release it first.
    iterator.close();
    readOptions.close();
    if (upperBound != null) {
      upperBound.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("iterator over store '" + store.name() + "' is closed");
    }
  }
}
