package io.strand.benchmarks.workload;

import io.strand.benchmarks.data.DataSpec;

/**
 * The record cache of the count stores, sized alike in both engines so that dirty entries reach
 * RocksDB and the changelog at commit (or on eviction) rather than one by one: Strand's
 * {@code stores.<s>.object.cache.size} and {@code stores.<s>.write.batch.size} (entries per task),
 * Kafka Streams' {@code statestore.cache.max.bytes} (bytes per instance, shared by its tasks) with
 * {@code withCachingEnabled()} on the store. Both engines still forward one output per input
 * record; only the store writes are coalesced.
 *
 * @param entriesPerTask Strand's cache entries and write batch per task; 0 turns caching off in
 *     both engines
 * @param streamsBytes Kafka Streams' cache size in bytes; 0 when caching is off
 */
public record StoreCache(int entriesPerTask, long streamsBytes) {

  /** The least entries per task (Samza's default {@code object.cache.size}). */
  public static final int MIN_ENTRIES = 1_000;
  /** The most entries per task, so a large key space (1 M keys) stays within the 1 GiB worker heap. */
  public static final int MAX_ENTRIES = 100_000;
  /**
   * Bytes budgeted per Kafka Streams cache entry: its cache counts key, value, record context
   * (topic name, offset, timestamp, partition, headers) and list links, about 100-150 bytes for an
   * 8-byte key and value; twice that leaves it room so it never evicts earlier than Strand's.
   */
  public static final int STREAMS_BYTES_PER_ENTRY = 512;
  /** Upper bound of Kafka Streams' cache, bytes (a quarter of the worker heap). */
  public static final long MAX_STREAMS_BYTES = 256L * 1024 * 1024;

  /** No record cache in either engine: every update is written to RocksDB and the changelog. */
  public static final StoreCache OFF = new StoreCache(0, 0);

  /** Validates. */
  public StoreCache {
    if (entriesPerTask < 0 || streamsBytes < 0) {
      throw new IllegalArgumentException("negative cache size: " + entriesPerTask + " entries, " + streamsBytes
          + " bytes");
    }
  }

  /**
   * Sized for the key space: twice the keys per partition (one task per partition), rounded up,
   * between {@value #MIN_ENTRIES} and {@value #MAX_ENTRIES}; Kafka Streams gets
   * {@value #STREAMS_BYTES_PER_ENTRY} bytes per entry of every task, at most
   * {@link #MAX_STREAMS_BYTES}.
   *
   * @param data the input
   * @return the cache of both engines
   */
  public static StoreCache sizedFor(DataSpec data) {
    long perPartition = (data.keys() + data.partitions() - 1L) / data.partitions();
    int entries = (int) Math.min(MAX_ENTRIES, Math.max(MIN_ENTRIES, 2 * perPartition));
    long bytes = Math.min(MAX_STREAMS_BYTES, (long) entries * data.partitions() * STREAMS_BYTES_PER_ENTRY);
    return new StoreCache(entries, bytes);
  }

  /** @return true when the stores cache */
  public boolean enabled() {
    return entriesPerTask > 0;
  }

  /** @return the settings as the report shows them */
  public String describe() {
    return enabled()
        ? String.format(java.util.Locale.ROOT, "Strand stores.<s>.object.cache.size = stores.<s>.write.batch.size = %,d"
            + " entries per task; Kafka Streams withCachingEnabled(), statestore.cache.max.bytes = %,d", entriesPerTask,
            streamsBytes)
        : "off in both engines (Strand stores.<s>.object.cache.size=0; Kafka Streams no withCachingEnabled(),"
            + " statestore.cache.max.bytes=0): every update goes to RocksDB and the changelog";
  }
}
