package io.strand.config.view;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedSet;

/**
 * The per-store keys {@code stores.<s>.*}, with Samza's names and defaults.
 *
 * <p>Getters parse on every call and throw {@link ConfigException} naming the key and source
 * when a value is malformed. Threading: immutable; safe to share between threads.
 */
public final class StorageConfig {

  /** Prefix of every store key: {@code stores.<s>.<suffix>}. */
  public static final String STORES_PREFIX = "stores.";
  /** Suffix: the store engine factory class. */
  public static final String FACTORY = "factory";
  /** Suffix, required per store: the serde name for keys. */
  public static final String KEY_SERDE = "key.serde";
  /** Suffix, required per store: the serde name for values. */
  public static final String MSG_SERDE = "msg.serde";
  /**
   * Suffix: the changelog stream, {@code system.stream}, or a bare system name ({@code kafka})
   * for the default topic {@code <job.name>-<job.id>-<store>-changelog} on that system; without
   * it the store is not logged.
   */
  public static final String CHANGELOG = "changelog";
  /** Suffix: replication factor used when creating the changelog topic. */
  public static final String CHANGELOG_REPLICATION_FACTOR = "changelog.replication.factor";
  /**
   * Suffix of {@code stores.<s>.changelog.recover}: {@code fail} (default) or {@code local}, what a
   * restore does when the changelog lost the records the checkpoint names ({@link ChangelogRecovery}).
   */
  public static final String CHANGELOG_RECOVER = "changelog.recover";
  /**
   * Suffix: time retention of a created changelog topic, in ms (a Strand addition): the topic gets
   * {@code cleanup.policy=compact,delete} and this {@code retention.ms}, as Kafka Streams' window
   * store changelogs, for state that expires old records without tombstones. Absent: compacted only.
   */
  public static final String CHANGELOG_RETENTION_MS = "changelog.retention.ms";
  /** Suffix: writes batched before they reach the engine, in records; default {@value #DEFAULT_WRITE_BATCH_SIZE}. */
  public static final String WRITE_BATCH_SIZE = "write.batch.size";
  /** Suffix: deserialized objects cached per store, in records; default {@value #DEFAULT_OBJECT_CACHE_SIZE}. */
  public static final String OBJECT_CACHE_SIZE = "object.cache.size";
  /**
   * Suffix (a Strand addition, as Kafka Streams' {@code statestore.cache.max.bytes}): the object
   * cache's budget per store instance, in bytes. Each entry counts as the mean serialized size of
   * the key and value bytes the store has written and read so far, plus
   * {@value #OBJECT_CACHE_ENTRY_OVERHEAD_BYTES} bytes; the entries the cache holds follow from it
   * (at most {@link #OBJECT_CACHE_SIZE} if that is set as well). Unset by default: the cache is
   * sized in entries.
   */
  public static final String OBJECT_CACHE_BYTES = "object.cache.bytes";
  /**
   * What a cache entry counts beyond its serialized key and value under {@link #OBJECT_CACHE_BYTES},
   * in bytes: about Kafka Streams' record context per cached record (offset, timestamp, partition,
   * topic, flags); the heap an entry takes (slot, key and value objects) is usually more.
   */
  public static final int OBJECT_CACHE_ENTRY_OVERHEAD_BYTES = 64;
  /** Suffix prefix: RocksDB engine settings (block cache, write buffer, compression, ttl). */
  public static final String ROCKSDB_PREFIX = "rocksdb.";
  /** Suffix: RocksDB time-to-live of entries, in ms; unset means entries never expire. */
  public static final String ROCKSDB_TTL_MS = "rocksdb.ttl.ms";
  /** Suffix: RocksDB block size, in bytes; default {@value #DEFAULT_ROCKSDB_BLOCK_SIZE_BYTES}. */
  public static final String ROCKSDB_BLOCK_SIZE_BYTES = "rocksdb.block.size.bytes";
  /** Suffix: RocksDB compression ({@code snappy}, {@code lz4}, {@code zstd}, {@code none}...). */
  public static final String ROCKSDB_COMPRESSION = "rocksdb.compression";
  /** Suffix: block cache shared by the store's instances in a container, in bytes. */
  public static final String CONTAINER_CACHE_SIZE_BYTES = "container.cache.size.bytes";
  /** Suffix: write buffer shared by the store's instances in a container, in bytes. */
  public static final String CONTAINER_WRITE_BUFFER_SIZE_BYTES = "container.write.buffer.size.bytes";

  /** Default of {@link #WRITE_BATCH_SIZE}, in records, as Samza's. */
  public static final int DEFAULT_WRITE_BATCH_SIZE = 500;
  /** Default of {@link #OBJECT_CACHE_SIZE}, in records, as Samza's. */
  public static final int DEFAULT_OBJECT_CACHE_SIZE = 1000;
  /** Default of {@link #ROCKSDB_BLOCK_SIZE_BYTES}, as Samza's. */
  public static final long DEFAULT_ROCKSDB_BLOCK_SIZE_BYTES = 4096;
  /** Default of {@link #CONTAINER_CACHE_SIZE_BYTES}: 100 MiB, as Samza's. */
  public static final long DEFAULT_CONTAINER_CACHE_SIZE_BYTES = 100L * 1024 * 1024;
  /** Default of {@link #CONTAINER_WRITE_BUFFER_SIZE_BYTES}: 32 MiB, as Samza's. */
  public static final long DEFAULT_CONTAINER_WRITE_BUFFER_SIZE_BYTES = 32L * 1024 * 1024;

  private final Config config;

  /**
   * Creates the view.
   *
   * @param config the whole job configuration
   */
  public StorageConfig(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The key of a store setting.
   *
   * @param store the store name
   * @param suffix the setting, for example {@link #CHANGELOG}
   * @return {@code stores.<store>.<suffix>}
   */
  public static String storeKey(String store, String suffix) {
    return STORES_PREFIX + store + "." + suffix;
  }

  /**
   * The stores that have at least one {@code stores.<s>.*} key.
   *
   * @return store names, sorted
   */
  public SortedSet<String> getStoreNames() {
    return Values.namesUnder(config, STORES_PREFIX);
  }

  /**
   * {@code stores.<s>.factory}.
   *
   * @param store the store name
   * @return the engine factory class name, or empty when unset
   */
  public Optional<String> getFactoryClass(String store) {
    return Values.nonBlank(config, storeKey(store, FACTORY));
  }

  /**
   * {@code stores.<s>.key.serde}.
   *
   * @param store the store name
   * @return the serde name, or empty when unset (which {@code ConfigValidator} reports)
   */
  public Optional<String> getKeySerde(String store) {
    return Values.nonBlank(config, storeKey(store, KEY_SERDE));
  }

  /**
   * {@code stores.<s>.msg.serde}.
   *
   * @param store the store name
   * @return the serde name, or empty when unset (which {@code ConfigValidator} reports)
   */
  public Optional<String> getMsgSerde(String store) {
    return Values.nonBlank(config, storeKey(store, MSG_SERDE));
  }

  /**
   * {@code stores.<s>.changelog}: either {@code system.stream}, or a bare system name, which
   * means the default topic {@link #defaultChangelogTopic} on that system (so two jobs, or two
   * instances of one job, never share a changelog by accident).
   *
   * @param store the store name
   * @return the changelog stream, or empty when the store is not logged
   * @throws ConfigException if set but neither {@code system.stream} nor a system name (no dots,
   *     no whitespace), or if a bare system name is given and {@code job.name} / {@code job.id}
   *     is missing or malformed
   */
  public Optional<StreamName> getChangelog(String store) {
    String key = storeKey(store, CHANGELOG);
    Optional<String> raw = Values.nonBlank(config, key);
    if (raw.isPresent() && isBareSystemName(raw.get())) {
      JobConfig job = new JobConfig(config);
      return Optional.of(new StreamName(raw.get(), defaultChangelogTopic(job.getName(), job.getId(), store)));
    }
    return Values.parsed(config, key, StreamName::tryParse,
        "system.stream (for example kafka.my-job-my-store-changelog) or a system name (for example kafka)");
  }

  /**
   * The changelog topic used when {@code stores.<s>.changelog} names only a system.
   *
   * @param jobName {@code job.name}
   * @param jobId {@code job.id}
   * @param store the store name
   * @return {@code <job.name>-<job.id>-<store>-changelog}
   */
  public static String defaultChangelogTopic(String jobName, String jobId, String store) {
    return jobName + "-" + jobId + "-" + store + "-changelog";
  }

  private static boolean isBareSystemName(String text) {
    return text.indexOf('.') < 0 && text.chars().noneMatch(Character::isWhitespace);
  }

  /**
   * {@code stores.<s>.changelog.replication.factor}.
   *
   * @param store the store name
   * @return the replication factor, at least 1, or empty to let the changelog module decide
   * @throws ConfigException if not a whole number of at least 1
   */
  public OptionalInt getChangelogReplicationFactor(String store) {
    return Values.optionalIntAtLeast(config, storeKey(store, CHANGELOG_REPLICATION_FACTOR), 1);
  }

  /**
   * {@code stores.<s>.changelog.retention.ms}.
   *
   * @param store the store name
   * @return the changelog's time retention in ms, at least 1, or empty for a compacted-only topic
   * @throws ConfigException if not a whole number of at least 1
   */
  public OptionalLong getChangelogRetentionMs(String store) {
    return Values.optionalLongAtLeast(config, storeKey(store, CHANGELOG_RETENTION_MS), 1);
  }

  /**
   * {@code stores.<s>.changelog.recover}.
   *
   * @param store the store name
   * @return what a restore does when the changelog lacks the checkpointed offset; default
   *     {@link ChangelogRecovery#FAIL}
   * @throws ConfigException if neither {@code fail} nor {@code local}
   */
  public ChangelogRecovery getChangelogRecovery(String store) {
    return Values.parsed(config, storeKey(store, CHANGELOG_RECOVER), ChangelogRecovery::tryParse, "fail or local")
        .orElse(ChangelogRecovery.FAIL);
  }

  /**
   * {@code stores.<s>.write.batch.size}.
   *
   * @param store the store name
   * @return the write batch size in records, at least 1; default {@value #DEFAULT_WRITE_BATCH_SIZE}
   * @throws ConfigException if not a whole number of at least 1
   */
  public int getWriteBatchSize(String store) {
    return Values.intAtLeast(config, storeKey(store, WRITE_BATCH_SIZE), DEFAULT_WRITE_BATCH_SIZE, 1);
  }

  /**
   * {@code stores.<s>.object.cache.size}.
   *
   * @param store the store name
   * @return the object cache size in records, 0 for no cache; default
   *     {@value #DEFAULT_OBJECT_CACHE_SIZE}
   * @throws ConfigException if not a whole number of at least 0
   */
  public int getObjectCacheSize(String store) {
    return Values.intAtLeast(config, storeKey(store, OBJECT_CACHE_SIZE), DEFAULT_OBJECT_CACHE_SIZE, 0);
  }

  /**
   * {@code stores.<s>.object.cache.bytes}.
   *
   * @param store the store name
   * @return the object cache's budget in bytes, at least 1, or empty when unset (the cache is
   *     sized in entries, {@link #getObjectCacheSize})
   * @throws ConfigException if set and not a whole number of at least 1
   */
  public OptionalLong getObjectCacheBytes(String store) {
    return Values.optionalLongAtLeast(config, storeKey(store, OBJECT_CACHE_BYTES), 1);
  }

  /**
   * {@code stores.<s>.rocksdb.ttl.ms}.
   *
   * @param store the store name
   * @return the entry time-to-live in ms, at least 1, or empty for no expiry
   * @throws ConfigException if not a duration of at least 1 ms
   */
  public OptionalLong getRocksDbTtlMs(String store) {
    String key = storeKey(store, ROCKSDB_TTL_MS);
    return config.containsKey(key) ? OptionalLong.of(Values.durationAtLeast(config, key, 0, 1)) : OptionalLong.empty();
  }

  /**
   * {@code stores.<s>.rocksdb.block.size.bytes}.
   *
   * @param store the store name
   * @return the block size in bytes, at least 1; default {@value #DEFAULT_ROCKSDB_BLOCK_SIZE_BYTES}
   * @throws ConfigException if not a whole number of at least 1
   */
  public long getRocksDbBlockSizeBytes(String store) {
    return Values.longAtLeast(config, storeKey(store, ROCKSDB_BLOCK_SIZE_BYTES), DEFAULT_ROCKSDB_BLOCK_SIZE_BYTES, 1);
  }

  /**
   * {@code stores.<s>.rocksdb.compression}.
   *
   * @param store the store name
   * @return the compression name as written, or empty for the engine's default
   */
  public Optional<String> getRocksDbCompression(String store) {
    return Values.nonBlank(config, storeKey(store, ROCKSDB_COMPRESSION));
  }

  /**
   * {@code stores.<s>.container.cache.size.bytes}.
   *
   * @param store the store name
   * @return the per-container block cache in bytes, at least 0; default
   *     {@value #DEFAULT_CONTAINER_CACHE_SIZE_BYTES}
   * @throws ConfigException if not a whole number of at least 0
   */
  public long getContainerCacheSizeBytes(String store) {
    return Values.longAtLeast(config, storeKey(store, CONTAINER_CACHE_SIZE_BYTES), DEFAULT_CONTAINER_CACHE_SIZE_BYTES, 0);
  }

  /**
   * {@code stores.<s>.container.write.buffer.size.bytes}.
   *
   * @param store the store name
   * @return the per-container write buffer in bytes, at least 1; default
   *     {@value #DEFAULT_CONTAINER_WRITE_BUFFER_SIZE_BYTES}
   * @throws ConfigException if not a whole number of at least 1
   */
  public long getContainerWriteBufferSizeBytes(String store) {
    return Values.longAtLeast(config, storeKey(store, CONTAINER_WRITE_BUFFER_SIZE_BYTES),
        DEFAULT_CONTAINER_WRITE_BUFFER_SIZE_BYTES, 1);
  }

  /**
   * Every {@code stores.<s>.rocksdb.*} key with {@code stores.<s>.rocksdb.} removed, for the
   * engine to apply the settings it knows.
   *
   * @param store the store name
   * @return the subset; empty when none are set
   */
  public Config getRocksDbConfig(String store) {
    return config.subset(storeKey(store, ROCKSDB_PREFIX));
  }

  /**
   * The configuration this view reads.
   *
   * @return the whole configuration
   */
  public Config config() {
    return config;
  }
}
