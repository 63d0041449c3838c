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
   * Opens the engine and builds the layers above it.
   *
   * @param context the store, task, configuration, directory, metrics and logging hook
   * @return the built store; the caller owns it and must {@link StoreHandle#close} it
   * @throws io.strand.config.ConfigException if a {@code stores.<s>.*} key is missing or wrong
   *     (for example an unknown serde or compression), before anything is opened
   * @throws StoreCorruptedException if the engine's files are damaged
   * @throws StoreException if the engine cannot be opened for another reason
   */
  StoreHandle create(StoreContext context);
}
