package io.strand.kv.rocksdb;

import io.strand.kv.engine.StoreException;
import io.strand.storage.kv.Entry;
import java.nio.file.Path;
import java.util.List;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The write path of one {@link RocksDbStore}: single writes and batches through the write-ahead
 * log, and the bulk-load mode a restore uses, in which raw batches skip the log and automatic
 * compaction is paused until its end ({@link BulkLoad}). Owns the two native write options and
 * whether a bulk load is in progress; what {@link #flush} does depends on that mode. The store
 * checks its arguments and that it is open before it calls here.
 *
 * <p>Threading: the store's task (or restoring) thread only; {@link #close} once the database is
 * closed.
 */
final class RocksDbWrites implements AutoCloseable {
  private final String name;
  private final String task;
  private final Path dir;
  private final RocksDB db;
  private final WriteOptions writeOptions = new WriteOptions();
  private final WriteOptions bulkWriteOptions = new WriteOptions().setDisableWAL(true);
  /** The bulk load in progress, or null. */
  private BulkLoad bulkLoad;

  /**
   * The write path of an open database.
   *
   * @param name the store name, for errors
   * @param task the owning task's name, for errors
   * @param dir the store directory, for errors
   * @param db the open database
   */
  RocksDbWrites(String name, String task, Path dir, RocksDB db) {
    this.name = name;
    this.task = task;
    this.dir = dir;
    this.db = db;
  }

  /**
   * Writes one entry through the log.
   *
   * @param key the key
   * @param value the value, or null to delete the key
   * @throws StoreException if RocksDB fails
   */
  void put(byte[] key, byte[] value) {
    try {
      if (value == null) {
        db.delete(writeOptions, key);
      } else {
        db.put(writeOptions, key, value);
      }
    } catch (RocksDBException e) {
      throw failure("put", e);
    }
  }

  /**
   * Deletes one key through the log.
   *
   * @param key the key
   * @throws StoreException if RocksDB fails
   */
  void delete(byte[] key) {
    try {
      db.delete(writeOptions, key);
    } catch (RocksDBException e) {
      throw failure("delete", e);
    }
  }

  /**
   * Writes entries as one atomic batch through the log.
   *
   * @param entries the entries; a null value deletes its key
   * @param doing the store operation, for errors
   * @throws StoreException if RocksDB fails
   */
  void write(List<Entry<byte[], byte[]>> entries, String doing) {
    writeBatch(entries, writeOptions, doing);
  }

  /**
   * Writes a restore's entries as one batch: around the log during a bulk load (its end flushes
   * them), through it otherwise.
   *
   * @param entries the entries; a null value deletes its key
   * @throws StoreException if RocksDB fails
   */
  void writeRaw(List<Entry<byte[], byte[]>> entries) {
    writeBatch(entries, bulkLoad != null ? bulkWriteOptions : writeOptions, "putAllRaw");
    if (bulkLoad != null) {
      bulkLoad.written(entries.size());
    }
  }

  /**
   * Makes the writes so far durable: syncs the write-ahead log (one fsync, no small SST files);
   * during a bulk load, whose writes skip the log, flushes the memtables instead.
   *
   * @throws StoreException if RocksDB fails
   */
  void flush() {
    try {
      if (bulkLoad != null) {
        BulkLoad.flushMemtables(db);
      } else {
        db.flushWal(true);
      }
    } catch (RocksDBException e) {
      throw failure("flush", e);
    }
  }

  /**
   * Enters bulk-load mode: automatic compaction paused, raw writes around the log.
   *
   * @throws IllegalStateException if already in bulk-load mode
   * @throws StoreException if compaction cannot be paused
   */
  void beginBulkLoad() {
    if (bulkLoad != null) {
      throw new IllegalStateException("store '" + name + "' of task '" + task + "' is already in bulk-load mode");
    }
    setAutoCompaction(false);
    bulkLoad = new BulkLoad("RocksDB store '" + name + "' of task '" + task + "'");
  }

  /**
   * Leaves bulk-load mode (see {@link BulkLoad#finish}); the mode ends even if finishing fails.
   *
   * @throws IllegalStateException if not in bulk-load mode
   * @throws StoreException if the flush, compaction or resuming compaction fails
   */
  void endBulkLoad() {
    if (bulkLoad == null) {
      throw new IllegalStateException("store '" + name + "' of task '" + task + "' is not in bulk-load mode");
    }
    try {
      bulkLoad.finish(db, () -> setAutoCompaction(true));
    } catch (RocksDBException e) {
      throw failure("finish bulk load", e);
    } finally {
      bulkLoad = null;
    }
  }

  /** Frees the write options; the database they were used with must be closed already. */
  @Override
  public void close() {
    writeOptions.close();
    bulkWriteOptions.close();
  }

  private void writeBatch(List<Entry<byte[], byte[]>> entries, WriteOptions with, String doing) {
    try (WriteBatch batch = new WriteBatch()) {
      for (Entry<byte[], byte[]> e : entries) {
        if (e.value() == null) {
          batch.delete(e.key());
        } else {
          batch.put(e.key(), e.value());
        }
      }
      db.write(with, batch);
    } catch (RocksDBException e) {
      throw failure(doing, e);
    }
  }

  private void setAutoCompaction(boolean on) {
    try {
      db.setOptions(MutableColumnFamilyOptions.builder().setDisableAutoCompactions(!on).build());
    } catch (RocksDBException e) {
      throw failure((on ? "resume" : "pause") + " automatic compaction", e);
    }
  }

  private StoreException failure(String doing, RocksDBException e) {
    return RocksDbFailures.translate(name, task, dir, doing, e);
  }
}
