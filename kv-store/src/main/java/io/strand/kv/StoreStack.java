package io.strand.kv;

import io.strand.config.Config;
import io.strand.config.view.JobConfig;
import io.strand.config.view.StorageConfig;
import io.strand.kv.layers.CachedStore;
import io.strand.kv.layers.MeteredBytesStore;
import io.strand.kv.layers.NullSafeStore;
import io.strand.kv.layers.SerializedStore;
import io.strand.kv.layers.StoreMetrics;
import io.strand.serializers.Serde;
import io.strand.serdes.Serdes;
import io.strand.storage.kv.KeyValueStore;
import java.util.function.Supplier;

/**
 * Composes the layers over an engine, the same way for every factory: null safety, object cache,
 * serialization, the changelog hook, metrics, engine. Serdes are resolved before the engine is
 * opened, so a configuration mistake never leaves a half-open database behind.
 *
 * <p>Threading: stateless; each call builds an independent stack.
 */
final class StoreStack {

  private StoreStack() {}

  static StoreHandle build(StoreContext context, Supplier<BytesStore> openEngine) {
    String store = context.storeName();
    Config config = context.config();
    StorageConfig storage = new StorageConfig(config);
    String keySerdeName = required(config, store, StorageConfig.KEY_SERDE, storage.getKeySerde(store).orElse(null));
    String msgSerdeName = required(config, store, StorageConfig.MSG_SERDE, storage.getMsgSerde(store).orElse(null));
    Serde<Object> keySerde = Serdes.fromConfig(keySerdeName, config);
    Serde<Object> msgSerde = Serdes.fromConfig(msgSerdeName, config);
    int cacheSize = storage.getObjectCacheSize(store);
    int batchSize = storage.getWriteBatchSize(store);

    BytesStore engine = openEngine.get();
    StoreMetrics metrics = new StoreMetrics(context.meterRegistry(), config.get(JobConfig.JOB_NAME, ""),
        context.containerId(), context.taskName().name(), store);
    BytesStore metered = new MeteredBytesStore(engine, metrics);
    try {
      BytesStore logged = context.loggingLayer().apply(metered);
      if (logged == null) {
        throw new IllegalStateException("the logging layer of store '" + store + "' returned null");
      }
      KeyValueStore<Object, Object> objects = new SerializedStore(logged, keySerde, keySerdeName, msgSerde);
      if (cacheSize > 0) {
        objects = new CachedStore(objects, cacheSize, batchSize, metrics);
      }
      return new StoreHandle(store, context.taskName(), new NullSafeStore<>(objects, store), logged, metered);
    } catch (RuntimeException e) {
      metered.close();
      throw e;
    }
  }

  private static String required(Config config, String store, String suffix, String value) {
    if (value == null) {
      String key = StorageConfig.storeKey(store, suffix);
      throw config.problem(key, "store '" + store + "' needs a serde name (for example string, json, or one under"
          + " serializers.registry.<name>.class)");
    }
    return value;
  }
}
