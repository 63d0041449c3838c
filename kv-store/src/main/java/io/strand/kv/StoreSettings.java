package io.strand.kv;

import io.strand.config.Config;
import io.strand.config.view.ContainerStorageConfig;
import io.strand.config.view.StorageConfig;
import io.strand.kv.rocksdb.RocksDbSettings;
import io.strand.serdes.Serdes;
import io.strand.serializers.Serde;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One store's settings, resolved once when the container is assembled ({@link #fromConfig}) and
 * shared by the store's instances in every task of the container: its serdes, the object cache
 * of {@link StoreHandle}'s stack, and the RocksDB engine's settings (used by
 * {@link RocksDbStoreFactory}, ignored by {@link InMemoryStoreFactory}).
 *
 * <p>Threading: an immutable value; the serdes are thread-safe by their contract.
 *
 * @param name the store, as in {@code stores.<name>.*}
 * @param keySerdeName {@code stores.<s>.key.serde}, for error messages
 * @param keySerde the key serde
 * @param msgSerde the value serde ({@code stores.<s>.msg.serde})
 * @param objectCacheSize {@code stores.<s>.object.cache.size}, entries; 0 for no object cache; with
 *     a byte budget and no {@code object.cache.size} set, {@link Integer#MAX_VALUE} (no bound in
 *     entries)
 * @param objectCacheBytes {@code stores.<s>.object.cache.bytes}, the cache's budget in bytes; 0 for
 *     none (the cache is sized in entries only)
 * @param writeBatchSize {@code stores.<s>.write.batch.size}, dirty entries the cache holds
 *     before it writes them down
 * @param rocksDb {@code stores.<s>.rocksdb.*}
 */
public record StoreSettings(
    String name,
    String keySerdeName,
    Serde<Object> keySerde,
    Serde<Object> msgSerde,
    int objectCacheSize,
    long objectCacheBytes,
    int writeBatchSize,
    RocksDbSettings rocksDb) {

  private static final Logger LOG = LoggerFactory.getLogger(StoreSettings.class);

  /**
   * Checks the components.
   *
   * @param name the store
   * @param keySerdeName the key serde's registry name
   * @param keySerde the key serde
   * @param msgSerde the value serde
   * @param objectCacheSize entries, at least 0
   * @param objectCacheBytes bytes, at least 0
   * @param writeBatchSize entries
   * @param rocksDb the RocksDB settings
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code name} is blank or a cache size negative
   */
  public StoreSettings {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a store name cannot be blank");
    }
    Objects.requireNonNull(keySerdeName, "keySerdeName");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(msgSerde, "msgSerde");
    Objects.requireNonNull(rocksDb, "rocksDb");
    if (objectCacheSize < 0) {
      throw new IllegalArgumentException("store '" + name + "': object cache size cannot be negative: "
          + objectCacheSize);
    }
    if (objectCacheBytes < 0) {
      throw new IllegalArgumentException("store '" + name + "': object cache bytes cannot be negative: "
          + objectCacheBytes);
    }
  }

  /**
   * Resolves a store's settings from {@code stores.<store>.*} and the serializer registry, once
   * per container. Logs one warning per store for keys it ignores: unknown
   * {@code stores.<s>.rocksdb.*} keys, and Samza's per-store RocksDB memory sizes
   * ({@code stores.<s>.container.cache.size.bytes}, {@code .container.write.buffer.size.bytes}),
   * which left the container's total unbounded; RocksDB memory is bounded per container by
   * {@code strand.container.rocksdb.memory.bytes} instead.
   *
   * @param store the store name
   * @param config the whole job configuration
   * @return the settings
   * @throws io.strand.config.ConfigException naming the key if a serde is missing or unknown, or
   *     a size or RocksDB setting is malformed
   */
  public static StoreSettings fromConfig(String store, Config config) {
    StorageConfig storage = new StorageConfig(config);
    String keySerdeName = required(config, store, StorageConfig.KEY_SERDE, storage.getKeySerde(store).orElse(null));
    String msgSerdeName = required(config, store, StorageConfig.MSG_SERDE, storage.getMsgSerde(store).orElse(null));
    long cacheBytes = storage.getObjectCacheBytes(store).orElse(0);
    // A byte budget alone sizes the cache; object.cache.size bounds it only when set as well.
    int cacheEntries = cacheBytes > 0 && !config.containsKey(StorageConfig.storeKey(store, StorageConfig.OBJECT_CACHE_SIZE))
        ? Integer.MAX_VALUE : storage.getObjectCacheSize(store);
    StoreSettings settings = new StoreSettings(store, keySerdeName, Serdes.fromConfig(keySerdeName, config),
        Serdes.fromConfig(msgSerdeName, config), cacheEntries, cacheBytes, storage.getWriteBatchSize(store),
        RocksDbSettings.fromConfig(store, config));
    warnAboutIgnoredKeys(store, config);
    return settings;
  }

  private static String required(Config config, String store, String suffix, String value) {
    if (value == null) {
      String key = StorageConfig.storeKey(store, suffix);
      throw config.problem(key, "store '" + store + "' needs a serde name (for example string, json, or one under"
          + " serializers.registry.<name>.class)");
    }
    return value;
  }

  private static void warnAboutIgnoredKeys(String store, Config config) {
    Set<String> unknown = RocksDbSettings.unknownKeys(store, config);
    if (!unknown.isEmpty()) {
      LOG.warn("Store '{}': unknown RocksDB keys ignored: {}", store, unknown);
    }
    for (String suffix : new String[] {StorageConfig.CONTAINER_CACHE_SIZE_BYTES,
        StorageConfig.CONTAINER_WRITE_BUFFER_SIZE_BYTES}) {
      String key = StorageConfig.storeKey(store, suffix);
      if (config.containsKey(key)) {
        LOG.warn("{} is ignored: RocksDB memory is bounded per container by {}", key,
            ContainerStorageConfig.CONTAINER_ROCKSDB_MEMORY_BYTES);
      }
    }
  }
}
