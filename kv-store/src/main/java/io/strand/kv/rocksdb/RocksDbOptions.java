package io.strand.kv.rocksdb;

import java.nio.file.Path;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.TtlDB;

/**
 * The native options one store is opened with, built from its {@link RocksDbSettings} and pointed
 * at the container's shared block cache and write-buffer manager. Owns the native option objects
 * and closes them after the database (RocksDB requires options to outlive the database).
 *
 * <p>Threading: built and closed by the thread that opens and closes the store.
 */
final class RocksDbOptions implements AutoCloseable {
  // RocksDB's info LOG lives in the store directory; keep it from growing without bound.
  private static final long INFO_LOG_BYTES = 4L * 1024 * 1024;

  private static final long MIN_WRITE_BUFFER_BYTES = 64L * 1024;

  private final RocksDbSettings settings;
  /** Memtable bloom filter size as a share of the memtable (RocksDB's own suggestion is at most 0.25). */
  static final double MEMTABLE_BLOOM_RATIO = 0.05;

  private final BloomFilter bloomFilter;
  private final Options options;

  RocksDbOptions(RocksDbSettings settings, RocksDbContainerResources resources) {
    this.settings = settings;
    this.bloomFilter = settings.bloomBitsPerKey() > 0 ? new BloomFilter(settings.bloomBitsPerKey()) : null;
    BlockBasedTableConfig table = new BlockBasedTableConfig()
        .setBlockCache(resources.blockCache())
        .setBlockSize(settings.blockSizeBytes())
        // Index and filter blocks count against the bound, in the cache's high-priority pool.
        .setCacheIndexAndFilterBlocks(true)
        .setCacheIndexAndFilterBlocksWithHighPriority(true)
        .setPinL0FilterAndIndexBlocksInCache(true);
    if (bloomFilter != null) {
      table.setFilterPolicy(bloomFilter);
    }
    this.options = new Options()
        .setCreateIfMissing(true)
        .setWriteBufferManager(resources.writeBufferManager())
        .setWriteBufferSize(effectiveWriteBufferSize(settings, resources))
        .setMaxWriteBufferNumber(settings.maxWriteBuffers())
        .setCompressionType(settings.compression())
        .setMaxLogFileSize(INFO_LOG_BYTES)
        .setKeepLogFileNum(2)
        .setTableFormatConfig(table);
    if (bloomFilter != null) {
      // A whole-key bloom filter in each memtable too: a task's first get of a new key (a cache
      // miss on a key that is nowhere) otherwise searches the memtable's skip list; with 1 M keys
      // (Zipf 1.0) such gets were most of the store's misses and 18 % of the task thread.
      options.setMemtableWholeKeyFiltering(true).setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO);
    }
  }

  /**
   * A memtable no larger than half the container's memtable share: RocksDB allocates memtable
   * memory in arena blocks of an eighth of the memtable size, so a 16 MiB memtable under a small
   * bound would hold several times the share before the write-buffer manager could react.
   */
  static long effectiveWriteBufferSize(RocksDbSettings settings, RocksDbContainerResources resources) {
    return Math.max(MIN_WRITE_BUFFER_BYTES, Math.min(settings.writeBufferSizeBytes(), resources.writeBufferBytes() / 2));
  }

  RocksDB open(Path dir) throws RocksDBException {
    String path = dir.toAbsolutePath().toString();
    return settings.ttlMs().isPresent()
        ? TtlDB.open(options, path, settings.ttlSeconds(), false)
        : RocksDB.open(options, path);
  }

  @Override
  public void close() {
    options.close();
    if (bloomFilter != null) {
      bloomFilter.close();
    }
  }
}
