package io.strand.kv.rocksdb;

import io.strand.storage.kv.KeyValueIterator;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The iterators open on one {@link RocksDbStore}: made here, forgotten when they close, and closed
 * with the store when a caller left one open, since each holds native memory (and pins blocks and
 * memtables) that would otherwise outlive the database.
 *
 * <p>Threading: thread-safe: queryable state ({@code io.strand.container.query}) opens iterators
 * from HTTP threads while the task thread opens and closes its own. {@link #closeAll} runs at the
 * store's close, when no read runs any more.
 */
final class RocksDbIterators {
  // The store's logger, as BulkLoad's: the warning is about the store, and log configs name it so.
  private static final Logger LOG = LoggerFactory.getLogger(RocksDbStore.class);

  private final RocksDbStore store;
  private final String task;
  private final RocksDB db;
  private final Set<RocksDbIterator> open = ConcurrentHashMap.newKeySet();

  /**
   * No iterator yet.
   *
   * @param store the store the iterators read, for their errors and {@link #forget}
   * @param task the owning task's name, for the warning
   * @param db its open database
   */
  RocksDbIterators(RocksDbStore store, String task, RocksDB db) {
    this.store = store;
    this.task = task;
    this.db = db;
  }

  /**
   * Opens an iterator at {@code from}, or at the first key.
   *
   * @param readOptions its read options, owned by the iterator from now on
   * @param upper its upper bound, owned by the iterator, or null
   * @param from the first key to read, or null for the first key of the store
   * @return the iterator, registered until it closes
   */
  KeyValueIterator<byte[], byte[]> open(ReadOptions readOptions, Slice upper, byte[] from) {
    RocksIterator raw = db.newIterator(readOptions);
    if (from == null) {
      raw.seekToFirst();
    } else {
      raw.seek(from);
    }
    RocksDbIterator iterator = new RocksDbIterator(store, raw, readOptions, upper);
    open.add(iterator);
    return iterator;
  }

  /**
   * Forgets an iterator that closed.
   *
   * @param iterator the iterator
   */
  void forget(RocksDbIterator iterator) {
    open.remove(iterator);
  }

  /** Closes the iterators still open, with one warning: callers must close their iterators. */
  void closeAll() {
    if (!open.isEmpty()) {
      LOG.warn("Store '{}' of task '{}' closed with {} iterator(s) still open; closing them (iterators must be closed)",
          store.name(), task, open.size());
      for (RocksDbIterator iterator : new ArrayList<>(open)) {
        iterator.close();
      }
    }
  }
}
