package io.strand.config.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StorageAndSerializerConfigTest {

  private final Config config = Config.of(Map.ofEntries(
      Map.entry("stores.stats.factory", "io.strand.kv.RocksDbStoreFactory"),
      Map.entry("stores.stats.key.serde", "string"),
      Map.entry("stores.stats.msg.serde", "stats-json"),
      Map.entry("stores.stats.changelog", "kafka.orders-1-stats-changelog"),
      Map.entry("stores.stats.changelog.replication.factor", "3"),
      Map.entry("stores.stats.write.batch.size", "100"),
      Map.entry("stores.stats.object.cache.size", "0"),
      Map.entry("stores.stats.rocksdb.ttl.ms", "1h"),
      Map.entry("stores.stats.rocksdb.compression", "lz4"),
      Map.entry("stores.stats.container.cache.size.bytes", "1048576"),
      Map.entry("stores.plain.key.serde", "bytes"),
      Map.entry("serializers.registry.stats-json.class", "com.example.StatsSerdeFactory"),
      Map.entry("serializers.registry.string.class", "com.example.MyStringSerdeFactory"),
      Map.entry("serializers.registry.stats-json.schema", "not a registration")));

  @Test
  void storeValuesAreRead() {
    StorageConfig stores = new StorageConfig(config);
    assertEquals(Set.of("stats", "plain"), stores.getStoreNames());
    assertEquals("io.strand.kv.RocksDbStoreFactory", stores.getFactoryClass("stats").orElseThrow());
    assertEquals("string", stores.getKeySerde("stats").orElseThrow());
    assertEquals("stats-json", stores.getMsgSerde("stats").orElseThrow());
    assertEquals(new StreamName("kafka", "orders-1-stats-changelog"), stores.getChangelog("stats").orElseThrow());
    assertEquals(3, stores.getChangelogReplicationFactor("stats").getAsInt());
    assertEquals(100, stores.getWriteBatchSize("stats"));
    assertEquals(0, stores.getObjectCacheSize("stats"));
    assertEquals(3_600_000, stores.getRocksDbTtlMs("stats").getAsLong());
    assertEquals("lz4", stores.getRocksDbCompression("stats").orElseThrow());
    assertEquals(1_048_576, stores.getContainerCacheSizeBytes("stats"));
    assertEquals(Map.of("ttl.ms", "1h", "compression", "lz4"), stores.getRocksDbConfig("stats").asMap());
  }

  @Test
  void storeDefaultsAreSamzas() {
    StorageConfig stores = new StorageConfig(config);
    assertFalse(stores.getChangelog("plain").isPresent());
    assertFalse(stores.getChangelogReplicationFactor("plain").isPresent());
    assertFalse(stores.getRocksDbTtlMs("plain").isPresent());
    assertEquals(500, stores.getWriteBatchSize("plain"));
    assertEquals(1000, stores.getObjectCacheSize("plain"));
    assertEquals(4096, stores.getRocksDbBlockSizeBytes("plain"));
    assertEquals(100L * 1024 * 1024, stores.getContainerCacheSizeBytes("plain"));
    assertEquals(32L * 1024 * 1024, stores.getContainerWriteBufferSizeBytes("plain"));
  }

  @Test
  void malformedChangelogNamesTheKey() {
    StorageConfig stores = new StorageConfig(Config.of(Map.of("stores.s.changelog", "two words")));
    ConfigException e = assertThrows(ConfigException.class, () -> stores.getChangelog("s"));
    assertEquals("stores.s.changelog", e.problems().get(0).key());
  }

  @Test
  void bareSystemMeansTheDefaultChangelogTopic() {
    StorageConfig stores = new StorageConfig(Config.of(Map.of("job.name", "orders", "job.id", "2",
        "stores.stats.changelog", "kafka")));
    assertEquals(new StreamName("kafka", "orders-2-stats-changelog"), stores.getChangelog("stats").orElseThrow());
    StorageConfig defaultId = new StorageConfig(Config.of(Map.of("job.name", "orders", "stores.stats.changelog", "kafka")));
    assertEquals(new StreamName("kafka", "orders-1-stats-changelog"), defaultId.getChangelog("stats").orElseThrow());
  }

  @Test
  void restoreThreadsDefaultToAutomatic() {
    assertEquals(0, new ContainerStorageConfig(config).getContainerRestoreThreads());
    assertEquals(4, new ContainerStorageConfig(Config.of(Map.of("strand.container.restore.threads", "4")))
        .getContainerRestoreThreads());
    assertThrows(ConfigException.class, () -> new ContainerStorageConfig(Config.of(Map.of("strand.container.restore.threads",
        "-1"))).getContainerRestoreThreads());
  }

  @Test
  void rocksDbMemoryIsBoundedPerContainerWithAFloor() {
    assertEquals(256L * 1024 * 1024, new ContainerStorageConfig(config).getContainerRocksDbMemoryBytes());
    assertEquals(64L * 1024 * 1024, new ContainerStorageConfig(Config.of(Map.of(
        "strand.container.rocksdb.memory.bytes", "67108864"))).getContainerRocksDbMemoryBytes());
    ConfigException tooSmall = assertThrows(ConfigException.class, () -> new ContainerStorageConfig(Config.of(Map.of(
        "strand.container.rocksdb.memory.bytes", "1000"))).getContainerRocksDbMemoryBytes());
    assertTrue(tooSmall.getMessage().contains("strand.container.rocksdb.memory.bytes"), tooSmall.getMessage());
  }

  @Test
  void snapshotIntervalIsShorterUnderExactlyOnceUnlessSet() {
    assertEquals(60_000, new ContainerStorageConfig(config).getContainerSnapshotIntervalMs());
    assertEquals(10_000, new ContainerStorageConfig(Config.of(Map.of("task.delivery.guarantee", "exactly-once")))
        .getContainerSnapshotIntervalMs());
    assertEquals(30_000, new ContainerStorageConfig(Config.of(Map.of("task.delivery.guarantee", "exactly-once",
        "strand.container.store.snapshot.interval.ms", "30000"))).getContainerSnapshotIntervalMs());
  }

  @Test
  void builtInSerdesAreFixed() {
    assertEquals(List.of("string", "integer", "long", "double", "bytes", "json"),
        List.copyOf(SerializerConfig.BUILT_IN_SERDE_NAMES));
  }

  @Test
  void registryResolvesNamesAndWinsOverBuiltIns() {
    SerializerConfig serializers = new SerializerConfig(config);
    assertEquals(Map.of("stats-json", "com.example.StatsSerdeFactory", "string", "com.example.MyStringSerdeFactory"),
        serializers.getRegisteredSerdes());
    assertEquals("com.example.MyStringSerdeFactory", serializers.getFactoryClass("string").orElseThrow());
    assertTrue(serializers.getFactoryClass("long").isEmpty(), "a built-in's class is the runtime's business");
    assertTrue(serializers.isRegistered("long"));
    assertTrue(serializers.isRegistered("stats-json"));
    assertFalse(serializers.isRegistered("avro"));
    assertTrue(serializers.getSerdeNames().containsAll(Set.of("json", "stats-json")));
    assertEquals("serializers.registry.x.class", SerializerConfig.registryKey("x"));
  }
}
