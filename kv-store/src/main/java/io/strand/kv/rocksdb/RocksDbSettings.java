package io.strand.kv.rocksdb;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import io.strand.config.view.StorageConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.rocksdb.CompressionType;

/**
 * One store's RocksDB settings, from {@code stores.<s>.rocksdb.*}:
 *
 * <table>
 *   <caption>keys, after {@code stores.<s>.}</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code rocksdb.compression}</td><td>{@code none}, {@code snappy}, {@code lz4} or
 *       {@code zstd}</td><td>{@code lz4}: fast, and well worth it for JSON-like values</td></tr>
 *   <tr><td>{@code rocksdb.block.size.bytes}</td><td>SST block size, bytes</td><td>4096, as
 *       Samza</td></tr>
 *   <tr><td>{@code rocksdb.bloom.filter.bits.per.key}</td><td>bloom filter bits per key; 0 turns
 *       the filter off</td><td>10 (about 1% false positives)</td></tr>
 *   <tr><td>{@code rocksdb.ttl.ms}</td><td>entry time-to-live, ms, via RocksDB's TtlDB (rounded up
 *       to whole seconds; expired entries disappear at compaction, so reads may still see them for
 *       a while)</td><td>unset: never expire</td></tr>
 *   <tr><td>{@code rocksdb.write.buffer.size.bytes}</td><td>one memtable, bytes; capped at half
 *       the container's memtable share (an eighth of {@code strand.container.rocksdb.memory.bytes})
 *       so a small bound is not overrun by memtable allocation granularity</td><td>16 MiB</td></tr>
 *   <tr><td>{@code rocksdb.max.write.buffers}</td><td>memtables per store, active plus flushing</td>
 *       <td>2, as RocksDB</td></tr>
 * </table>
 *
 * <p>Memory is bounded per container, not per store, by {@link RocksDbContainerResources}; the
 * write-buffer settings only shape how each store fills its share.
 *
 * @param compression the SST compression
 * @param blockSizeBytes SST block size, bytes
 * @param bloomBitsPerKey bloom filter bits per key, 0 for none
 * @param ttlMs time-to-live in ms, or empty for none
 * @param writeBufferSizeBytes one memtable, bytes
 * @param maxWriteBuffers memtables per store
 */
public record RocksDbSettings(
    CompressionType compression,
    long blockSizeBytes,
    int bloomBitsPerKey,
    OptionalLong ttlMs,
    long writeBufferSizeBytes,
    int maxWriteBuffers) {

  /** Key suffix after {@code stores.<s>.}: bloom filter bits per key. */
  public static final String BLOOM_BITS_PER_KEY = "rocksdb.bloom.filter.bits.per.key";
  /** Key suffix after {@code stores.<s>.}: memtable size, bytes. */
  public static final String WRITE_BUFFER_SIZE_BYTES = "rocksdb.write.buffer.size.bytes";
  /** Key suffix after {@code stores.<s>.}: memtables per store. */
  public static final String MAX_WRITE_BUFFERS = "rocksdb.max.write.buffers";
  /** Default of {@link #BLOOM_BITS_PER_KEY}. */
  public static final int DEFAULT_BLOOM_BITS_PER_KEY = 10;
  /** Default of {@link #WRITE_BUFFER_SIZE_BYTES}: 16 MiB. */
  public static final long DEFAULT_WRITE_BUFFER_SIZE_BYTES = 16L * 1024 * 1024;
  /** Default of {@link #MAX_WRITE_BUFFERS}. */
  public static final int DEFAULT_MAX_WRITE_BUFFERS = 2;

  private static final String PREFIX = StorageConfig.ROCKSDB_PREFIX;
  private static final Set<String> KNOWN = Set.of("compression", "block.size.bytes", "ttl.ms",
      BLOOM_BITS_PER_KEY.substring(PREFIX.length()), WRITE_BUFFER_SIZE_BYTES.substring(PREFIX.length()),
      MAX_WRITE_BUFFERS.substring(PREFIX.length()));

  /**
   * Reads a store's settings.
   *
   * @param store the store name
   * @param config the whole job configuration
   * @return the settings, defaults filled in
   * @throws io.strand.config.ConfigException naming the key if a value is malformed or out of range
   */
  public static RocksDbSettings fromConfig(String store, Config config) {
    StorageConfig storage = new StorageConfig(config);
    return new RocksDbSettings(
        compression(store, config, storage),
        storage.getRocksDbBlockSizeBytes(store),
        atLeast(config, StorageConfig.storeKey(store, BLOOM_BITS_PER_KEY), DEFAULT_BLOOM_BITS_PER_KEY, 0),
        storage.getRocksDbTtlMs(store),
        atLeast(config, StorageConfig.storeKey(store, WRITE_BUFFER_SIZE_BYTES), DEFAULT_WRITE_BUFFER_SIZE_BYTES, 64 * 1024),
        atLeast(config, StorageConfig.storeKey(store, MAX_WRITE_BUFFERS), DEFAULT_MAX_WRITE_BUFFERS, 2));
  }

  /**
   * Every problem {@link #fromConfig} would report for a store, each setting checked on its own,
   * so validation lists them all at once (it throws at the first). Loads no native code.
   *
   * @param store the store name
   * @param config the whole job configuration
   * @return the problems, in key order of the table above; empty when the settings are valid
   */
  public static List<ConfigProblem> problems(String store, Config config) {
    StorageConfig storage = new StorageConfig(config);
    Set<ConfigProblem> problems = new LinkedHashSet<>();
    collect(problems, () -> compression(store, config, storage));
    collect(problems, () -> storage.getRocksDbBlockSizeBytes(store));
    collect(problems, () -> atLeast(config, StorageConfig.storeKey(store, BLOOM_BITS_PER_KEY),
        DEFAULT_BLOOM_BITS_PER_KEY, 0));
    collect(problems, () -> storage.getRocksDbTtlMs(store));
    collect(problems, () -> atLeast(config, StorageConfig.storeKey(store, WRITE_BUFFER_SIZE_BYTES),
        DEFAULT_WRITE_BUFFER_SIZE_BYTES, 64 * 1024));
    collect(problems, () -> atLeast(config, StorageConfig.storeKey(store, MAX_WRITE_BUFFERS),
        DEFAULT_MAX_WRITE_BUFFERS, 2));
    return List.copyOf(problems);
  }

  private static void collect(Set<ConfigProblem> problems, Supplier<?> setting) {
    try {
      setting.get();
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
  }

  /**
   * The {@code stores.<s>.rocksdb.*} keys this engine does not know, so a typo is reported rather
   * than silently ignored.
   *
   * @param store the store name
   * @param config the whole job configuration
   * @return the unknown keys in full, sorted; empty when all are known
   */
  public static Set<String> unknownKeys(String store, Config config) {
    Set<String> unknown = new TreeSet<>();
    for (String key : new StorageConfig(config).getRocksDbConfig(store).keySet()) {
      if (!KNOWN.contains(key)) {
        unknown.add(StorageConfig.storeKey(store, PREFIX + key));
      }
    }
    return unknown;
  }

  /**
   * The TTL as TtlDB wants it.
   *
   * @return whole seconds, rounded up, at least 1; only meaningful when {@link #ttlMs} is present
   */
  public int ttlSeconds() {
    long seconds = (ttlMs.orElse(1000) + 999) / 1000;
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, seconds));
  }

  private static CompressionType compression(String store, Config config, StorageConfig storage) {
    String name = storage.getRocksDbCompression(store).orElse("lz4").toLowerCase(Locale.ROOT);
    return switch (name) {
      case "none" -> CompressionType.NO_COMPRESSION;
      case "snappy" -> CompressionType.SNAPPY_COMPRESSION;
      case "lz4" -> CompressionType.LZ4_COMPRESSION;
      case "zstd" -> CompressionType.ZSTD_COMPRESSION;
      default -> throw config.problem(StorageConfig.storeKey(store, StorageConfig.ROCKSDB_COMPRESSION),
          "expected one of none, snappy, lz4, zstd, got '" + name + "'");
    };
  }

  private static int atLeast(Config config, String key, int defaultValue, int min) {
    int value = config.getInt(key, defaultValue);
    if (value < min) {
      throw config.problem(key, "expected a whole number of at least " + min + ", got " + value);
    }
    return value;
  }

  private static long atLeast(Config config, String key, long defaultValue, long min) {
    long value = config.getLong(key, defaultValue);
    if (value < min) {
      throw config.problem(key, "expected a whole number of at least " + min + ", got " + value);
    }
    return value;
  }
}
