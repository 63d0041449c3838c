package io.strand.kv.layers;

/**
 * How many entries the object cache may hold: a fixed number ({@code stores.<s>.object.cache.size}),
 * or what a budget in bytes ({@code stores.<s>.object.cache.bytes}, as Kafka Streams'
 * {@code statestore.cache.max.bytes}) buys at the entries' measured size: the mean serialized key
 * and value size the store has written and read so far ({@link SerializedStore#meanEntryBytes}),
 * plus {@value #ENTRY_OVERHEAD_BYTES} bytes per entry. Before the first entry is measured, an entry
 * counts {@value #UNMEASURED_ENTRY_BYTES} bytes plus the overhead.
 *
 * <p>Why bytes: a hopping-window count's entry is some 40 serialized bytes, a per-auction list
 * of bids kilobytes; one entry count cannot suit both, and the open windows of a hopping window
 * (Nexmark q5: about 2,600 per task) outgrew the 2,560 entries a 10 MiB budget gave at an assumed
 * 512 bytes an entry, so the cache wrote down and read back windows all the time.
 *
 * <p>It also gives the dirty entries that trigger a write-down: {@code stores.<s>.write.batch.size},
 * or the entries the cache may hold if fewer.
 *
 * <p>Threading: not thread-safe; the owning cache's task thread.
 */
final class CacheBudget {
  /** Inserts between updates of a byte budget's entries besides those at each write-down. */
  static final int UPDATE_INSERTS = 1024;
  /** Counted per entry beyond its serialized key and value (as {@code StorageConfig.OBJECT_CACHE_ENTRY_OVERHEAD_BYTES}). */
  static final int ENTRY_OVERHEAD_BYTES = 64;
  /** An entry's serialized size assumed before any is measured. */
  static final int UNMEASURED_ENTRY_BYTES = 64;

  private final long bytes;
  private final int maxEntries;
  private final SerializedStore sizes;
  private final int writeBatchSize;
  private int capacity;
  // Inserts since the last update: a byte budget follows the measured entry size.
  private int insertsSinceUpdate;

  private CacheBudget(long bytes, int maxEntries, int writeBatchSize, SerializedStore sizes) {
    this.bytes = bytes;
    this.maxEntries = maxEntries;
    this.writeBatchSize = writeBatchSize;
    this.sizes = sizes;
    this.capacity = maxEntries;
    update();
  }

  /**
   * A fixed number of entries.
   *
   * @param entries at least 1
   * @param writeBatchSize dirty entries that trigger a write-down, at least 1
   * @return the budget
   */
  static CacheBudget entries(int entries, int writeBatchSize) {
    return new CacheBudget(0, entries, writeBatchSize, null);
  }

  /**
   * A budget in bytes.
   *
   * @param bytes at least 1
   * @param maxEntries the most entries whatever their size, at least 1
   * @param writeBatchSize dirty entries that trigger a write-down, at least 1
   * @param sizes where entry sizes are measured; null to assume {@value #UNMEASURED_ENTRY_BYTES}
   *     bytes an entry throughout
   * @return the budget
   */
  static CacheBudget bytes(long bytes, int maxEntries, int writeBatchSize, SerializedStore sizes) {
    return new CacheBudget(bytes, maxEntries, writeBatchSize, sizes);
  }

  /** @return the entries the cache may hold now, at least 1 */
  int capacity() {
    return capacity;
  }

  /** @return dirty entries that trigger a write-down now: the write batch size, or {@link #capacity} if smaller */
  int batchSize() {
    return Math.min(capacity, writeBatchSize);
  }

  /**
   * Counts an insert into the cache.
   *
   * @return true when {@value #UPDATE_INSERTS} inserts have come since the last {@link #update}:
   *     time for the next
   */
  boolean inserted() {
    return ++insertsSinceUpdate >= UPDATE_INSERTS;
  }

  /**
   * Recomputes {@link #capacity} from the entry size measured so far (a byte budget; a fixed
   * number of entries stays as it is).
   *
   * @return the capacity now
   */
  int update() {
    insertsSinceUpdate = 0;
    if (bytes > 0) {
      long mean = sizes == null ? -1 : sizes.meanEntryBytes();
      long entryBytes = (mean < 0 ? UNMEASURED_ENTRY_BYTES : mean) + ENTRY_OVERHEAD_BYTES;
      capacity = (int) Math.max(1, Math.min(maxEntries, bytes / entryBytes));
    }
    return capacity;
  }
}
