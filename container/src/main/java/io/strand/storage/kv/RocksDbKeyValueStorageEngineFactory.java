package io.strand.storage.kv;

import io.strand.kv.RocksDbStoreFactory;
import io.strand.kv.StoreContext;
import io.strand.kv.StoreFactory;
import io.strand.kv.StoreHandle;

/**
 * The name a ported Samza properties file gives RocksDB stores
 * ({@code stores.<s>.factory=io.strand.storage.kv.RocksDbKeyValueStorageEngineFactory}, Samza's
 * {@code org.apache.samza.storage.kv.RocksDbKeyValueStorageEngineFactory}): a thin alias of
 * {@link RocksDbStoreFactory}, which it delegates to.
 *
 * <p>It lives in the container module, not beside {@code KeyValueStore} in task-api or in
 * kv-store: there its package would depend on {@code io.strand.kv}, which depends on it.
 *
 * <p>Threading: as {@link RocksDbStoreFactory}.
 */
public final class RocksDbKeyValueStorageEngineFactory implements StoreFactory {

  private final StoreFactory engine = new RocksDbStoreFactory();

  /** Creates the factory; the container does so by class name. */
  public RocksDbKeyValueStorageEngineFactory() {}

  @Override
  public boolean keepsLocalState() {
    return engine.keepsLocalState();
  }

  @Override
  public StoreHandle create(StoreContext context) {
    return engine.create(context);
  }
}
