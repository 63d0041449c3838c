package io.strand.storage.kv.inmemory;

import io.strand.kv.InMemoryStoreFactory;
import io.strand.kv.StoreContext;
import io.strand.kv.StoreFactory;
import io.strand.kv.StoreHandle;

/**
 * The name a ported Samza properties file gives in-memory stores
 * ({@code stores.<s>.factory=io.strand.storage.kv.inmemory.InMemoryKeyValueStorageEngineFactory},
 * Samza's {@code org.apache.samza.storage.kv.inmemory.InMemoryKeyValueStorageEngineFactory}): a
 * thin alias of {@link InMemoryStoreFactory}, which it delegates to.
 *
 * <p>Threading: as {@link InMemoryStoreFactory}.
 */
public final class InMemoryKeyValueStorageEngineFactory implements StoreFactory {

  private final StoreFactory engine = new InMemoryStoreFactory();

  /** Creates the factory; the container does so by class name. */
  public InMemoryKeyValueStorageEngineFactory() {}

  @Override
  public boolean keepsLocalState() {
    return engine.keepsLocalState();
  }

  @Override
  public StoreHandle create(StoreContext context) {
    return engine.create(context);
  }
}
