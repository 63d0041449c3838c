package io.strand.kv;

import io.strand.kv.rocksdb.RocksDbStore;

/**
 * {@code stores.<s>.factory=io.strand.kv.RocksDbStoreFactory}: a RocksDB store per task in
 * {@link StoreContext#storeDir()}, with the settings of {@link StoreSettings#rocksDb()}, its
 * memory charged to the container's {@link StoreEnvironment#rocksDbMemory()} (so the container's
 * RocksDB memory is bounded by {@code strand.container.rocksdb.memory.bytes} however many stores
 * it has), with the layers of {@link StoreHandle}. Its stores keep local state: a restart may
 * reuse their snapshots instead of restoring them in full.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class RocksDbStoreFactory implements StoreFactory {

  /** Creates the factory; the container does so by class name. */
  public RocksDbStoreFactory() {}

  /**
   * {@inheritDoc}
   *
   * @return true
   */
  @Override
  public boolean keepsLocalState() {
    return true;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the context has no store directory
   */
  @Override
  public StoreHandle create(StoreContext context) {
    if (context.storeDir() == null) {
      throw new IllegalArgumentException("RocksDB store '" + context.storeName() + "' needs a store directory");
    }
    StoreSettings settings = context.settings();
    return StoreStack.build(context, () -> RocksDbStore.open(settings.name(), context.taskName().name(),
        context.storeDir(), settings.rocksDb(), context.environment().rocksDbMemory()));
  }
}
