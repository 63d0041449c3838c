package io.strand.kv;

/**
 * Builds one store instance, named in {@code stores.<s>.factory} and instantiated through its
 * public no-argument constructor: {@link RocksDbStoreFactory} or {@link InMemoryStoreFactory}
 * (Samza's {@code StorageEngineFactory}). The container calls {@link #create} once per (store,
 * task) at start, before restore.
 *
 * <p>Threading: implementations are stateless and may be called from any thread, including
 * several at once for different stores (the container opens stores in parallel).
 */
public interface StoreFactory {

  /**
   * Whether this factory's stores keep their state on disk across a restart of the process, so
   * the changelog module may snapshot them at commits and reuse a snapshot instead of restoring
   * the store in full. A factory that says so must support
   * {@link io.strand.kv.engine.BytesStore#checkpoint}; one that does not has its logged stores
   * restored in full at every start.
   *
   * @return true for an engine with local state (RocksDB), false for one without (in-memory)
   */
  boolean keepsLocalState();

  /**
   * Opens the engine and builds the layers above it.
   *
   * @param context the store's settings, task, directory, the container's environment and the
   *     logging hook
   * @return the built store; the caller owns it and must {@link StoreHandle#close} it
   * @throws io.strand.kv.engine.StoreCorruptedException if the engine's files are damaged
   * @throws io.strand.kv.engine.StoreException if the engine cannot be opened for another reason
   */
  StoreHandle create(StoreContext context);
}
