package io.strand.kv;

import io.strand.kv.engine.BytesStore;
import io.strand.kv.layers.CachedStore;
import io.strand.kv.layers.MeteredBytesStore;
import io.strand.kv.layers.NullSafeStore;
import io.strand.kv.layers.SerializedStore;
import io.strand.kv.layers.StoreMetrics;
import io.strand.storage.kv.KeyValueStore;
import io.strand.storage.kv.LocalDeletes;
import io.strand.storage.kv.WriteBehind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Composes the layers over an engine, the same way for every factory: null safety, object cache,
 * serialization, the changelog hook, metrics, engine; the top layer's {@link LocalDeletes} go
 * through the cache to the changelog hook's {@link BytesStore#deleteAllUnlogged} (no tombstones), and its {@link WriteBehind} puts
 * wait in the cache ({@link CachedStore#putBehind}). The serdes were resolved with the store's
 * {@link StoreSettings}, before any engine was opened, so a configuration mistake never leaves a
 * half-open database behind.
 *
 * <p>Threading: stateless; each call builds an independent stack.
 */
final class StoreStack {

  private StoreStack() {}

  static StoreHandle build(StoreContext context, Supplier<BytesStore> openEngine) {
    StoreSettings settings = context.settings();
    String store = settings.name();
    StoreEnvironment env = context.environment();
    BytesStore engine = openEngine.get();
    StoreMetrics metrics = new StoreMetrics(env.meterRegistry(), env.jobName(), env.containerId(),
        context.taskName().name(), store);
    BytesStore metered = new MeteredBytesStore(engine, metrics);
    try {
      BytesStore logged = context.loggingLayer().apply(metered);
      if (logged == null) {
        throw new IllegalStateException("the logging layer of store '" + store + "' returned null");
      }
      SerializedStore serialized = new SerializedStore(logged, settings.keySerde(), settings.keySerdeName(),
          settings.msgSerde());
      KeyValueStore<Object, Object> objects = serialized;
      CachedStore cache = null;
      if (settings.objectCacheSize() > 0) {
        cache = new CachedStore(serialized, serialized::keyBytes, settings.objectCacheSize(),
            settings.objectCacheBytes(), settings.writeBatchSize(), metrics);
        objects = cache;
      }
      CachedStore cached = cache;
      LocalDeletes<Object> local = keys -> {
        // Keys whose deferred puts never went down are nowhere below: no engine delete for them.
        List<Object> maybeBelow = cached != null ? cached.dropAll(keys) : keys;
        if (maybeBelow.isEmpty()) {
          return;
        }
        List<byte[]> serializedKeys = new ArrayList<>(maybeBelow.size());
        for (Object key : maybeBelow) {
          serializedKeys.add(serialized.keyBytes(key));
        }
        // Through the logging layer, which sends no tombstone for them but holds them back as any
        // engine write while a local snapshot is pending (past it, they took keys from snapshots).
        logged.deleteAllUnlogged(serializedKeys);
      };
      WriteBehind<Object, Object> behind = cached;
      return new StoreHandle(store, context.taskName(), new NullSafeStore<>(objects, store, local, behind), logged,
          metered, cache);
    } catch (RuntimeException e) {
      metered.close();
      throw e;
    }
  }
}
