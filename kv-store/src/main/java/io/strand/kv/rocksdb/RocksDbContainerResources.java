package io.strand.kv.rocksdb;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.strand.config.view.ContainerStorageConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RocksDB memory of one container, shared by every RocksDB store of every task in it, so the
 * container's native memory is bounded by one number, {@code strand.container.rocksdb.memory.bytes}
 * (default 256 MiB), with no user code. Kafka Streams and Samza size caches and memtables per
 * store, so memory grows with the number of stores and partitions until the container is killed.
 *
 * <p>The split: one LRU block cache of the full size holds data, index and filter blocks (index
 * and filter blocks are charged to it, in a high-priority pool of a tenth, and not kept outside
 * it). One write-buffer manager charges every store's memtables to that same cache and flushes
 * memtables when together they pass {@value #WRITE_BUFFER_SHARE} of the bound; so memtables get
 * about a quarter and blocks the rest, and the two share one budget. Each store's memtable is also
 * capped at half that share (see {@link RocksDbSettings}).
 *
 * <p>The bound is soft, by choice. The cache does not fail reads when full, so pinned blocks (open
 * iterators, L0 index and filter blocks) can push usage over it; and memtables can pass their share
 * while background flushes catch up (measured: 3 stores writing 36 MB under an 8 MiB bound peaked
 * at about 4.5 MB of memtables and 5.5 MB of cache usage). The manager is not allowed to stall
 * writes: a stall waits for memory to be freed, but only the writing store flushes, so idle
 * stores holding memtables would hang a single-threaded container for good.
 *
 * <p>Gauges, tagged {@code job} and {@code container}: {@value #GAUGE_LIMIT},
 * {@value #GAUGE_CACHE_USAGE} (blocks plus charged memtables), {@value #GAUGE_CACHE_PINNED},
 * {@value #GAUGE_MEMTABLES} (sum over open stores) and {@value #GAUGE_OPEN_STORES}.
 *
 * <p>Threading: thread-safe. Stores register and unregister from their task threads; gauges are
 * read from the metrics reporter's thread; all of that, and {@link #close}, synchronize on this
 * object so a gauge never reads a store being closed.
 */
public final class RocksDbContainerResources implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RocksDbContainerResources.class);

  /** Share of the bound that memtables may use before the largest is flushed. */
  public static final double WRITE_BUFFER_SHARE = 0.25;
  /** Gauge: the configured bound, bytes. */
  public static final String GAUGE_LIMIT = "strand.rocksdb.memory.limit.bytes";
  /** Gauge: block cache usage including charged memtables, bytes. */
  public static final String GAUGE_CACHE_USAGE = "strand.rocksdb.block.cache.usage.bytes";
  /** Gauge: block cache entries pinned by readers, bytes. */
  public static final String GAUGE_CACHE_PINNED = "strand.rocksdb.block.cache.pinned.bytes";
  /** Gauge: active and unflushed memtables of all open stores, bytes. */
  public static final String GAUGE_MEMTABLES = "strand.rocksdb.memtable.bytes";
  /** Gauge: RocksDB stores open in the container. */
  public static final String GAUGE_OPEN_STORES = "strand.rocksdb.open.stores";
  // Share of the cache reserved for index and filter blocks, so data blocks cannot evict them.
  private static final double HIGH_PRIORITY_SHARE = 0.1;

  static {
    RocksDB.loadLibrary();
  }

  private final long memoryBytes;
  private final String containerId;
  private final LRUCache cache;
  private final WriteBufferManager writeBufferManager;
  private final MeterRegistry registry;
  private final List<Meter> gauges = new ArrayList<>();
  private final Set<RocksDbStore> openStores = new LinkedHashSet<>();
  private int opening;
  private boolean closing;
  private boolean closed;

  /**
   * Allocates the shared cache and write-buffer manager and registers the gauges. The cache does
   * not reserve memory up front; it grows as blocks are read, up to the bound.
   *
   * @param memoryBytes the bound, bytes, at least 1 MiB
   * @param registry where the gauges go
   * @param jobName the job name, a gauge tag
   * @param containerId the container id, a gauge tag and in log lines
   * @throws IllegalArgumentException if {@code memoryBytes} is below 1 MiB
   */
  public RocksDbContainerResources(long memoryBytes, MeterRegistry registry, String jobName, String containerId) {
    if (memoryBytes < ContainerStorageConfig.MIN_CONTAINER_ROCKSDB_MEMORY_BYTES) {
      throw new IllegalArgumentException("RocksDB memory bound must be at least "
          + ContainerStorageConfig.MIN_CONTAINER_ROCKSDB_MEMORY_BYTES + " bytes, got " + memoryBytes);
    }
    this.memoryBytes = memoryBytes;
    this.containerId = Objects.requireNonNull(containerId, "containerId");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.cache = new LRUCache(memoryBytes, -1, false, HIGH_PRIORITY_SHARE);
    this.writeBufferManager = new WriteBufferManager(writeBufferBytes(), cache, false);
    Tags tags = Tags.of("job", jobName, "container", containerId);
    gauge(GAUGE_LIMIT, tags, r -> r.memoryBytes);
    gauge(GAUGE_CACHE_USAGE, tags, RocksDbContainerResources::blockCacheUsageBytes);
    gauge(GAUGE_CACHE_PINNED, tags, RocksDbContainerResources::blockCachePinnedBytes);
    gauge(GAUGE_MEMTABLES, tags, RocksDbContainerResources::memtableBytes);
    gauge(GAUGE_OPEN_STORES, tags, RocksDbContainerResources::openStoreCount);
    LOG.info("RocksDB memory for container '{}' bounded at {} bytes ({} for memtables, charged to one shared block cache)",
        containerId, memoryBytes, writeBufferBytes());
  }

  /**
   * The bound.
   *
   * @return bytes
   */
  public long memoryBytes() {
    return memoryBytes;
  }

  /**
   * The memtable share of the bound.
   *
   * @return bytes
   */
  public long writeBufferBytes() {
    return (long) (memoryBytes * WRITE_BUFFER_SHARE);
  }

  /**
   * The shared block cache; every store's table options point at this one object.
   *
   * @return the cache, owned by this object: do not close it
   */
  public Cache blockCache() {
    return cache;
  }

  /**
   * Block cache usage, including memtables charged to it.
   *
   * @return bytes, or 0 once closed
   */
  public synchronized long blockCacheUsageBytes() {
    return closed ? 0 : cache.getUsage();
  }

  /**
   * Block cache entries pinned by readers.
   *
   * @return bytes, or 0 once closed
   */
  public synchronized long blockCachePinnedBytes() {
    return closed ? 0 : cache.getPinnedUsage();
  }

  /**
   * Active and unflushed memtables of all open stores.
   *
   * @return bytes
   */
  public synchronized long memtableBytes() {
    long sum = 0;
    for (RocksDbStore store : openStores) {
      sum += store.memtableBytes();
    }
    return sum;
  }

  /**
   * Stores currently open on these resources.
   *
   * @return the count
   */
  public synchronized int openStoreCount() {
    return openStores.size();
  }

  WriteBufferManager writeBufferManager() {
    return writeBufferManager;
  }

  /**
   * Called before a store builds options that point at the cache: native handles of a closed
   * cache crash the JVM, so opening on closed resources must fail here, and {@link #close} must
   * wait for opens in progress.
   */
  synchronized void beginOpen() {
    if (closed || closing) {
      throw new IllegalStateException("RocksDB resources of container '" + containerId + "' are closed");
    }
    opening++;
  }

  /** Ends {@link #beginOpen}: registers the store, or nothing if the open failed. */
  synchronized void endOpen(RocksDbStore store) {
    opening--;
    if (store != null) {
      openStores.add(store);
    }
    notifyAll();
  }

  synchronized void unregister(RocksDbStore store) {
    openStores.remove(store);
  }

  /**
   * Releases the cache and write-buffer manager and removes the gauges. The container closes
   * every store first; stores still open here are closed (without flushing the layers above
   * them) with a warning, because native memory must not outlive the cache it is charged to.
   */
  @Override
  public void close() {
    List<RocksDbStore> leftovers;
    synchronized (this) {
      if (closed || closing) {
        return;
      }
      closing = true;
      boolean interrupted = false;
      while (opening > 0) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      leftovers = new ArrayList<>(openStores);
    }
    if (!leftovers.isEmpty()) {
      LOG.warn("Closing {} RocksDB store(s) still open when container '{}' released its RocksDB memory: {}",
          leftovers.size(), containerId, leftovers);
      for (RocksDbStore store : leftovers) {
        store.close();
      }
    }
    synchronized (this) {
      closed = true;
      for (Meter gauge : gauges) {
        registry.remove(gauge);
      }
      writeBufferManager.close();
      cache.close();
    }
    LOG.info("Released RocksDB memory of container '{}'", containerId);
  }

  private void gauge(String name, Tags tags, ToDoubleFunction<RocksDbContainerResources> value) {
    gauges.add(Gauge.builder(name, this, value).tags(tags).strongReference(true).register(registry));
  }
}
