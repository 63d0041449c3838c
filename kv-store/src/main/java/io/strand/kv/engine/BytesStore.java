package io.strand.kv.engine;

import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A store engine, or a layer over one, at the byte level: a {@link KeyValueStore} of serialized
 * keys and values plus the lifecycle the container and the changelog module drive (flush, close,
 * bulk-load restore, checkpoint).
 *
 * <p>Semantics, the same for every engine and checked by one contract test suite:
 * <ul>
 *   <li>keys are ordered as unsigned bytes (RocksDB's default bytewise order), so {@code 0x7f}
 *       sorts before {@code 0x80};</li>
 *   <li>a null key, or a null list, is an {@link IllegalArgumentException} naming the store; a null
 *       value passed to {@code put} or in a {@code putAll} entry deletes the key;</li>
 *   <li>arrays are copied in and out, so callers may reuse or mutate them;</li>
 *   <li>{@link #getAll} returns a map keyed by the caller's own array instances (byte arrays have
 *       identity equality), so the caller can look a result up by the array it passed;</li>
 *   <li>{@link #range} is half-open, {@code [from, to)}; a range whose {@code to} is at or before
 *       {@code from} is empty;</li>
 *   <li>iterators must be closed; writing to the store while an iterator is open never breaks
 *       the iterator (RocksDB's reads a snapshot taken when it was opened, the in-memory engine's
 *       is weakly consistent and may or may not see the write);</li>
 *   <li>any operation after {@link #close} throws {@link IllegalStateException}; engine failures
 *       are {@link StoreException}s, and a store found damaged on disk is a
 *       {@link StoreCorruptedException}.</li>
 * </ul>
 *
 * <p>Threading: not thread-safe. A store belongs to one task and is used from that task's thread;
 * the container calls {@link #flush} and {@link #close} from the same thread, between messages.
 */
public interface BytesStore extends KeyValueStore<byte[], byte[]>, AutoCloseable {

  /**
   * The store's name, as in {@code stores.<name>.*}.
   *
   * @return the name
   */
  String name();

  /**
   * {@inheritDoc}
   *
   * @return a new map holding the keys that are present, keyed by the caller's array instances
   */
  @Override
  Map<byte[], byte[]> getAll(List<byte[]> keys);

  /**
   * Makes every write so far durable in the engine. For RocksDB this syncs the write-ahead log (a
   * machine crash then loses nothing written before the call), or, in bulk-load mode where the
   * log is off, flushes the memtables to disk. The container calls it at every at-least-once
   * commit, after the layers above have pushed their buffered writes down (an exactly-once commit
   * writes to the changelog only: see {@link #logAll}), and at close.
   *
   * @throws StoreException if the engine fails
   */
  @Override
  void flush();

  /**
   * Releases the engine: open iterators are closed (with a warning, as they leaked), then native
   * handles. Later calls do nothing. Does not flush layers above; {@code StoreHandle.close()}
   * does that first.
   */
  @Override
  void close();

  /**
   * Enters bulk-load mode for a restore: writes through {@link #putAllRaw} skip the write-ahead
   * log and automatic compaction is paused, so a large changelog replays at disk speed instead of
   * compacting as it goes (Samza restored one record at a time, about 50 MB/s). Reads stay
   * correct during the load. If the process dies mid-load, the writes since it began may be lost:
   * the changelog module must treat the store as unrestored until {@link #endBulkLoad} returns
   * (it writes the store's offset file only after). Engines with nothing to tune (in-memory) do
   * nothing. Calling it twice is an {@link IllegalStateException}.
   *
   * @throws StoreException if the engine fails to change its settings
   */
  void beginBulkLoad();

  /**
   * Leaves bulk-load mode: flushes the memtables to disk (the load skipped the log), resumes
   * automatic compaction and, when the load left more files than automatic compaction would
   * tolerate (RocksDB: more than 4 level-0 files), compacts the whole key range once, so reads
   * after a restore are as fast as in a store that was never wiped. Blocks until done; may take
   * seconds for gigabytes.
   *
   * @throws IllegalStateException if not in bulk-load mode
   * @throws StoreException if the engine fails
   */
  void endBulkLoad();

  /**
   * Writes a batch as one atomic engine write, for restore: no logging layer records it (layers
   * pass it straight down), and in bulk-load mode it skips the write-ahead log. Entries apply in
   * list order; a null value is a tombstone and deletes the key. The caller picks the batch size
   * (a few thousand records, or a few MiB, is a good batch).
   *
   * @param entries the batch; not null, no null entries
   * @throws IllegalArgumentException if the list or an entry is null
   * @throws StoreException if the engine fails
   */
  void putAllRaw(List<Entry<byte[], byte[]>> entries);

  /**
   * Deferred engine writes, step 1: records a batch in the store's changelog only, as
   * {@code putAll} would log it, without writing it to the engine. The object cache uses it at
   * exactly-once commits, where the changelog (inside the transaction) is the durable copy and the
   * engine matters only for reads and local snapshots; it then writes the same entries with
   * {@link #putAllLogged} before anything reads them from the engine, checkpoints it or closes it.
   * The logging layer sends each entry (a null value as a tombstone); every other layer passes the
   * call down, and an engine, which has no log, does nothing.
   *
   * @param entries the batch, serialized as the engine holds it; not null, no null entries or keys
   * @throws IllegalArgumentException if the list or an entry is null
   */
  default void logAll(List<Entry<byte[], byte[]>> entries) {
    StoreArguments.entries(name(), entries, "logAll");
  }

  /**
   * Deferred engine writes, step 2: writes a batch already recorded with {@link #logAll} to the
   * engine, as {@code putAll} (counted as puts), without logging it again. The logging layer
   * passes it to the layer below as a {@code putAll}; any other layer treats it as its own
   * {@code putAll}.
   *
   * @param entries the batch; not null, no null entries; a null value deletes the key
   * @throws IllegalArgumentException if the list or an entry is null
   * @throws StoreException if the engine fails
   */
  default void putAllLogged(List<Entry<byte[], byte[]>> entries) {
    putAll(entries);
  }

  /**
   * Deletes keys locally, without a changelog tombstone (expiry of state whose changelog expires
   * by time on its own, {@code LocalDeletes}). The logging layer passes it to the layer below as a
   * {@code deleteAll} without sending anything, after whatever wait its engine writes have (a
   * pending local snapshot's); any other layer treats it as its own {@code deleteAll}.
   *
   * @param keys the keys, serialized; not null, no null key
   * @throws IllegalArgumentException if the list or a key is null
   * @throws StoreException if the engine fails
   */
  default void deleteAllUnlogged(List<byte[]> keys) {
    deleteAll(keys);
  }

  /**
   * Writes a consistent point-in-time copy of the store into {@code target}, hard-linking
   * immutable files where the file system allows (so it is fast and nearly free on the same
   * disk), for rolling local state back to the last committed snapshot under exactly-once. The
   * copy opens as a store of the same engine and settings.
   *
   * @param target the directory to create; it must not exist, and its parent must
   * @throws UnsupportedOperationException for engines with nothing on disk (in-memory)
   * @throws StoreException if the engine fails, or if {@code target} already exists
   */
  void checkpoint(Path target);

  /**
   * An estimate of the number of live keys, if the engine can tell cheaply (RocksDB's estimate
   * counts overwritten and deleted keys until compaction).
   *
   * @return the estimate in records, or empty
   */
  OptionalLong approximateKeyCount();

  /**
   * An estimate of the data held, if the engine can tell cheaply: live SST files plus memtables
   * for RocksDB, key plus value bytes for the in-memory engine.
   *
   * @return the estimate in bytes, or empty
   */
  OptionalLong approximateSizeBytes();
}
