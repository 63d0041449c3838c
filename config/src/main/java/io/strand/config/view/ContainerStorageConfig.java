package io.strand.config.view;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.Objects;

/**
 * The container-level storage keys {@code strand.container.*}: settings that apply to all stores of
 * one container together (memory bound, restore parallelism, snapshot interval), as opposed to the
 * per-store keys of {@link StorageConfig}. Samza has no such keys; its per-store
 * {@code container.*} sizes left a container's total unbounded.
 *
 * <p>Getters parse on every call and throw {@link ConfigException} naming the key and source
 * when a value is malformed. Threading: immutable; safe to share between threads.
 */
public final class ContainerStorageConfig {

  /**
   * Container-level key (not per store): the native memory all RocksDB stores of one container
   * may use together, in bytes: one block cache of this size, into which the memtables of every
   * store are also charged, so a container's RocksDB memory stays near this bound however many
   * stores and tasks it holds. Default {@value #DEFAULT_CONTAINER_ROCKSDB_MEMORY_BYTES}. It
   * supersedes the per-store {@link StorageConfig#CONTAINER_CACHE_SIZE_BYTES} and
   * {@link StorageConfig#CONTAINER_WRITE_BUFFER_SIZE_BYTES}, which Samza applied per store and so left the total
   * unbounded.
   */
  public static final String CONTAINER_ROCKSDB_MEMORY_BYTES = "strand.container.rocksdb.memory.bytes";
  /** Default of {@link #CONTAINER_ROCKSDB_MEMORY_BYTES}: 256 MiB. */
  public static final long DEFAULT_CONTAINER_ROCKSDB_MEMORY_BYTES = 256L * 1024 * 1024;
  /** Smallest accepted {@link #CONTAINER_ROCKSDB_MEMORY_BYTES}: 1 MiB; less starves every store. */
  public static final long MIN_CONTAINER_ROCKSDB_MEMORY_BYTES = 1024L * 1024;

  /**
   * Container-level key (not per store): how many store changelogs one container reads at once
   * at start, each on a replay thread with its own restore consumer (as many store threads open
   * the stores ahead of the replays and finish them after); default {@value
   * #DEFAULT_CONTAINER_RESTORE_THREADS}, meaning the number of processors, at least 2.
   */
  public static final String CONTAINER_RESTORE_THREADS = "strand.container.restore.threads";
  /** Default of {@link #CONTAINER_RESTORE_THREADS}: 0, chosen from the processor count. */
  public static final int DEFAULT_CONTAINER_RESTORE_THREADS = 0;

  /**
   * Container-level key (not per store): the least time between two local snapshots of a
   * RocksDB store (the {@code snapshots/} a restart on the same host reuses), in ms; default
   * {@value #DEFAULT_CONTAINER_SNAPSHOT_INTERVAL_MS}. A commit persists a snapshot only when this
   * much time has passed since the store's last one; the final commit of a task (clean stop, end
   * of input) always does. 0 snapshots at every commit. Longer intervals make commits cheaper
   * (a snapshot flushes the memtable: 10-200 ms per store) and make a restart after a crash
   * replay more changelog: at most the writes of one interval.
   */
  public static final String CONTAINER_SNAPSHOT_INTERVAL_MS = "strand.container.store.snapshot.interval.ms";
  /** Default of {@link #CONTAINER_SNAPSHOT_INTERVAL_MS}: one minute. */
  public static final long DEFAULT_CONTAINER_SNAPSHOT_INTERVAL_MS = 60_000;
  /**
   * Default of {@link #CONTAINER_SNAPSHOT_INTERVAL_MS} under {@code task.delivery.guarantee=exactly-once}:
   * ten seconds. A restart after a crash rolls a store back to its last snapshot and replays the
   * committed changelog from there, so the interval bounds that replay; commits come every 100 ms
   * in this mode, so a snapshot per minute would leave up to a minute of writes to replay.
   */
  public static final long DEFAULT_EXACTLY_ONCE_SNAPSHOT_INTERVAL_MS = 10_000;

  private final Config config;

  /**
   * Creates the view.
   *
   * @param config the whole job configuration
   */
  public ContainerStorageConfig(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * {@value #CONTAINER_ROCKSDB_MEMORY_BYTES}: the RocksDB memory bound of one container.
   *
   * @return the bound in bytes, at least {@value #MIN_CONTAINER_ROCKSDB_MEMORY_BYTES}; default
   *     {@value #DEFAULT_CONTAINER_ROCKSDB_MEMORY_BYTES}
   * @throws ConfigException if not a whole number of at least
   *     {@value #MIN_CONTAINER_ROCKSDB_MEMORY_BYTES}
   */
  public long getContainerRocksDbMemoryBytes() {
    return Values.longAtLeast(config, CONTAINER_ROCKSDB_MEMORY_BYTES, DEFAULT_CONTAINER_ROCKSDB_MEMORY_BYTES,
        MIN_CONTAINER_ROCKSDB_MEMORY_BYTES);
  }

  /**
   * {@value #CONTAINER_SNAPSHOT_INTERVAL_MS}: least time between local snapshots of a store.
   *
   * @return the interval in ms, at least 0 (0: every commit); default
   *     {@value #DEFAULT_CONTAINER_SNAPSHOT_INTERVAL_MS}, or {@value #DEFAULT_EXACTLY_ONCE_SNAPSHOT_INTERVAL_MS}
   *     under exactly-once
   * @throws ConfigException if not a whole number of at least 0, or the delivery guarantee is invalid
   */
  public long getContainerSnapshotIntervalMs() {
    long fallback = new TaskConfig(config).getDeliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE
        ? DEFAULT_EXACTLY_ONCE_SNAPSHOT_INTERVAL_MS : DEFAULT_CONTAINER_SNAPSHOT_INTERVAL_MS;
    return Values.longAtLeast(config, CONTAINER_SNAPSHOT_INTERVAL_MS, fallback, 0);
  }

  /**
   * {@value #CONTAINER_RESTORE_THREADS}: parallel store restores per container.
   *
   * @return the thread count, at least 1, or 0 to choose from the processor count; default
   *     {@value #DEFAULT_CONTAINER_RESTORE_THREADS}
   * @throws ConfigException if not a whole number of at least 0
   */
  public int getContainerRestoreThreads() {
    return Values.intAtLeast(config, CONTAINER_RESTORE_THREADS, DEFAULT_CONTAINER_RESTORE_THREADS, 0);
  }
}
