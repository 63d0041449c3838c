package io.strand.kv.rocksdb;

import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bulk load of a RocksDB store, from {@code beginBulkLoad} to {@code endBulkLoad}: counts the
 * records written and, at the end, flushes the memtables and compacts once if the load left more
 * than {@value #COMPACT_AFTER_LOAD_LEVEL0_FILES} level-0 files; a few level-0 files read as fast as
 * a compacted store and automatic compaction merges them later, while compacting them at once
 * would only delay the start (tens of ms per small store). Logs its start and end.
 *
 * <p>Threading: the restoring thread only, as its store.
 */
final class BulkLoad {

  /** Level-0 files a bulk load may leave without a full compaction: RocksDB's own trigger, 4. */
  static final long COMPACT_AFTER_LOAD_LEVEL0_FILES = 4;

  private static final Logger LOG = LoggerFactory.getLogger(RocksDbStore.class);

  private final String label;
  private final long startNanos = System.nanoTime();
  private long records;

  /**
   * Starts a load (automatic compaction must already be paused).
   *
   * @param label "RocksDB store '...' of task '...'" for the log lines
   */
  BulkLoad(String label) {
    this.label = label;
    LOG.debug("Bulk load of {} started: write-ahead log and auto-compaction off", label);
  }

  /**
   * Counts records written by the load.
   *
   * @param n records in one batch
   */
  void written(int n) {
    records += n;
  }

  /**
   * Ends the load: flushes the memtables, resumes automatic compaction, compacts if needed.
   *
   * @param db the store's database
   * @param resumeCompaction turns automatic compaction back on
   * @throws RocksDBException if a flush, property read or compaction fails
   */
  void finish(RocksDB db, Runnable resumeCompaction) throws RocksDBException {
    long loaded = System.nanoTime();
    flushMemtables(db);
    resumeCompaction.run();
    // A string property (RocksDB has no integer one per level).
    long level0Files = Long.parseLong(db.getProperty("rocksdb.num-files-at-level0").trim());
    boolean compact = level0Files > COMPACT_AFTER_LOAD_LEVEL0_FILES;
    if (compact) {
      db.compactRange();
    }
    long end = System.nanoTime();
    LOG.debug("Bulk load of {} done: {} records in {} ms, then flush{} in {} ms", label, records,
        (loaded - startNanos) / 1_000_000, compact ? " and compaction"
            : " (" + level0Files + " level-0 file(s), no compaction needed)", (end - loaded) / 1_000_000);
  }

  /**
   * Flushes every memtable into SST files and waits for it.
   *
   * @param db the database
   * @throws RocksDBException if the flush fails
   */
  static void flushMemtables(RocksDB db) throws RocksDBException {
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.flush(flush);
    }
  }
}
