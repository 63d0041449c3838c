package io.strand.kv;

import io.strand.config.view.StorageConfig;
import io.strand.kv.rocksdb.RocksDbSettings;
import io.strand.kv.rocksdb.RocksDbStore;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code stores.<s>.factory=io.strand.kv.RocksDbStoreFactory}: a RocksDB store per task in
 * {@link StoreContext#storeDir()}, its memory charged to the container's
 * {@link io.strand.kv.rocksdb.RocksDbContainerResources} (so the container's RocksDB memory is
 * bounded by {@code strand.container.rocksdb.memory.bytes} however many stores it has), with
 * the layers of {@link StoreHandle}. Settings: {@link RocksDbSettings}. The per-store keys
 * {@code stores.<s>.container.cache.size.bytes} and {@code .container.write.buffer.size.bytes}
 * are Samza's per-store sizing, which left the total unbounded; they are ignored, with a warning
 * (once per store and container, not once per task: the keys are per store).
 *
 * <p>Threading: safe from any thread; the only state is which stores were already warned about.
 */
public final class RocksDbStoreFactory implements StoreFactory {
  private static final Logger LOG = LoggerFactory.getLogger(RocksDbStoreFactory.class);
  // Store names already checked, per container (its RocksDB resources); weak, so a closed container's entry goes.
  private static final Map<Object, Set<String>> CHECKED = Collections.synchronizedMap(new WeakHashMap<>());

  /** Creates the factory; the container does so by class name. */
  public RocksDbStoreFactory() {}

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the context has no RocksDB resources or no directory
   */
  @Override
  public StoreHandle create(StoreContext context) {
    if (context.rocksDbResources() == null || context.storeDir() == null) {
      throw new IllegalArgumentException("RocksDB store '" + context.storeName()
          + "' needs the container's RocksDbContainerResources and a store directory");
    }
    String store = context.storeName();
    RocksDbSettings settings = RocksDbSettings.fromConfig(store, context.config());
    warnAboutIgnoredKeys(context);
    return StoreStack.build(context, () -> RocksDbStore.open(store, context.taskName().name(),
        context.storeDir(), settings, context.rocksDbResources()));
  }

  private static void warnAboutIgnoredKeys(StoreContext context) {
    if (!CHECKED.computeIfAbsent(context.rocksDbResources(), r -> Collections.synchronizedSet(new HashSet<>()))
        .add(context.storeName())) {
      return;
    }
    Set<String> unknown = RocksDbSettings.unknownKeys(context.storeName(), context.config());
    if (!unknown.isEmpty()) {
      LOG.warn("Store '{}': unknown RocksDB keys ignored: {}", context.storeName(), unknown);
    }
    for (String suffix : new String[] {StorageConfig.CONTAINER_CACHE_SIZE_BYTES,
        StorageConfig.CONTAINER_WRITE_BUFFER_SIZE_BYTES}) {
      String key = StorageConfig.storeKey(context.storeName(), suffix);
      if (context.config().containsKey(key)) {
        LOG.warn("{} is ignored: RocksDB memory is bounded per container by {}", key,
            StorageConfig.CONTAINER_ROCKSDB_MEMORY_BYTES);
      }
    }
  }
}
