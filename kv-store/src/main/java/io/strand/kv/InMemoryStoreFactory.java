package io.strand.kv;

import io.strand.kv.inmemory.InMemoryStore;

/**
 * {@code stores.<s>.factory=io.strand.kv.InMemoryStoreFactory}: an
 * {@link InMemoryStore} per task on the JVM heap, with the layers of {@link StoreHandle}. It
 * ignores the store directory and RocksDB settings. Its stores keep no local state: with a
 * changelog they are restored from it in full at every start, as nothing survives the process.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class InMemoryStoreFactory implements StoreFactory {

  /** Creates the factory; the container does so by class name. */
  public InMemoryStoreFactory() {}

  /**
   * {@inheritDoc}
   *
   * @return false
   */
  @Override
  public boolean keepsLocalState() {
    return false;
  }

  @Override
  public StoreHandle create(StoreContext context) {
    return StoreStack.build(context, () -> new InMemoryStore(context.storeName(), context.taskName().name()));
  }
}
