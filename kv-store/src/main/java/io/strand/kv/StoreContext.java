package io.strand.kv;

import io.micrometer.core.instrument.MeterRegistry;
import io.strand.config.Config;
import io.strand.kv.rocksdb.RocksDbContainerResources;
import io.strand.context.TaskName;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything a {@link StoreFactory} needs to build one store instance for one task.
 *
 * <p>The container makes one per (store, task); the changelog module supplies
 * {@code loggingLayer}. Immutable; the components themselves are shared objects whose threading
 * is their own.
 *
 * @param storeName the store, as in {@code stores.<name>.*}
 * @param taskName the task that owns this instance
 * @param containerId the container's id, for metric tags and log lines
 * @param config the whole job configuration
 * @param storeDir the instance's directory (see {@link #defaultStoreDir}); created if missing by
 *     engines that use one; ignored by the in-memory engine, which accepts null
 * @param meterRegistry where the store's meters go, tagged job, container, task and store
 * @param rocksDbResources the container's shared RocksDB memory (block cache and write-buffer
 *     manager); required by {@link RocksDbStoreFactory}, may be null for other engines
 * @param loggingLayer wraps the metered engine in the changelog layer, between the engine and
 *     the object cache; {@link UnaryOperator#identity()} when the store has no changelog; must
 *     not return null
 */
public record StoreContext(
    String storeName,
    TaskName taskName,
    String containerId,
    Config config,
    Path storeDir,
    MeterRegistry meterRegistry,
    RocksDbContainerResources rocksDbResources,
    UnaryOperator<BytesStore> loggingLayer) {

  /**
   * Checks the required components.
   *
   * @param storeName the store
   * @param taskName the owning task
   * @param containerId the container's id
   * @param config the whole job configuration
   * @param storeDir the instance's directory, or null for engines without one
   * @param meterRegistry where the store's meters go
   * @param rocksDbResources the container's shared RocksDB memory, or null for other engines
   * @param loggingLayer the changelog hook, identity for none
   * @throws NullPointerException if any component but {@code storeDir} and
   *     {@code rocksDbResources} is null
   * @throws IllegalArgumentException if {@code storeName} is blank
   */
  public StoreContext {
    Objects.requireNonNull(storeName, "storeName");
    if (storeName.isBlank()) {
      throw new IllegalArgumentException("a store name cannot be blank");
    }
    Objects.requireNonNull(taskName, "taskName");
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(meterRegistry, "meterRegistry");
    Objects.requireNonNull(loggingLayer, "loggingLayer");
  }

  /**
   * The same context with another logging layer, for the changelog module.
   *
   * @param layer the new hook; not null
   * @return a new context
   */
  public StoreContext withLoggingLayer(UnaryOperator<BytesStore> layer) {
    return new StoreContext(storeName, taskName, containerId, config, storeDir, meterRegistry,
        rocksDbResources, layer);
  }

  /**
   * The directory layout from the architecture page:
   * {@code <baseDir>/<store>/<task name with spaces as _>/}, so {@code Partition 0} of store
   * {@code stats} lives in {@code <baseDir>/stats/Partition_0}.
   *
   * @param baseDir {@code job.logged.store.base.dir} (or the non-logged one)
   * @param store the store name
   * @param task the task
   * @return the instance directory; not created
   */
  public static Path defaultStoreDir(Path baseDir, String store, TaskName task) {
    return baseDir.resolve(store).resolve(task.name().replace(' ', '_'));
  }
}
