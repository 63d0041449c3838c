package io.strand.kv;

import io.strand.container.TaskName;
import io.strand.kv.engine.BytesStore;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.view.ContainerStorageConfig;
import io.strand.kv.rocksdb.RocksDbContainerResources;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB factory end to end: layout, persistence through the stack, config errors, restore speed. */
class RocksDbStoreFactoryTest {
  static final TaskName TASK = new TaskName("Partition 3");
  @TempDir Path tmp;
  SimpleMeterRegistry registry;
  RocksDbContainerResources resources;

  @BeforeEach
  void setUp() {
    registry = new SimpleMeterRegistry();
    resources = new RocksDbContainerResources(ContainerStorageConfig.DEFAULT_CONTAINER_ROCKSDB_MEMORY_BYTES, registry, "j", "c9");
  }

  @AfterEach
  void tearDown() {
    resources.close();
  }

  StoreContext context(String store, String... overrides) {
    Map<String, String> c = new HashMap<>();
    c.put("job.name", "j");
    c.put("stores." + store + ".factory", RocksDbStoreFactory.class.getName());
    c.put("stores." + store + ".key.serde", "string");
    c.put("stores." + store + ".msg.serde", "integer");
    for (int i = 0; i < overrides.length; i += 2) {
      c.put(overrides[i], overrides[i + 1]);
    }
    return new StoreContext(StoreSettings.fromConfig(store, Config.of(c)), TASK,
        new StoreEnvironment("j", "c9", registry, resources), tmp.resolve(store).resolve("Partition_3"),
        UnaryOperator.identity());
  }

  @Test
  void dataWrittenThroughTheCacheSurvivesCloseAndReopen() {
    StoreContext context = context("counts");
    try (StoreHandle h = new RocksDbStoreFactory().create(context)) {
      for (int i = 0; i < 10; i++) {
        h.store().put("k" + i, i); // all dirty in the cache: batch size 500
      }
    }
    assertTrue(Files.isDirectory(tmp.resolve("counts").resolve("Partition_3")), "the engine opens in the given dir");
    try (StoreHandle h = new RocksDbStoreFactory().create(context)) {
      assertEquals(7, h.store().get("k7"));
      assertEquals(10, h.engine().approximateKeyCount().orElseThrow());
    }
  }

  @Test
  void bytesKeysAreComparedByContentInTheCache() {
    StoreContext context = context("raw", "stores.raw.key.serde", "bytes", "stores.raw.msg.serde", "bytes");
    try (StoreHandle h = new RocksDbStoreFactory().create(context)) {
      KeyValueStore<Object, Object> s = h.store();
      s.put(new byte[] {1, 2}, new byte[] {9});
      assertArrayEquals(new byte[] {9}, (byte[]) s.get(new byte[] {1, 2}), "another array, same content");
      byte[] probe = {1, 2};
      Map<Object, Object> found = s.getAll(List.of(probe, new byte[] {7}));
      assertArrayEquals(new byte[] {9}, (byte[]) found.get(probe));
      h.flush();
      s.put(new byte[] {1, 2}, null);
      assertEquals(null, s.get(new byte[] {1, 2}));
    }
  }

  @Test
  void badRocksDbSettingsAreConfigErrorsNamingTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> context("s", "stores.s.rocksdb.compression", "brotli"));
    assertEquals("stores.s.rocksdb.compression", e.problems().get(0).key());
    e = assertThrows(ConfigException.class,
        () -> context("s", "stores.s.rocksdb.bloom.filter.bits.per.key", "-1"));
    assertEquals("stores.s.rocksdb.bloom.filter.bits.per.key", e.problems().get(0).key());
  }

  @Test
  void theFactoryNeedsAStoreDirectory() {
    StoreContext context = context("s");
    StoreContext without = new StoreContext(context.settings(), TASK, context.environment(), null,
        UnaryOperator.identity());
    assertThrows(IllegalArgumentException.class, () -> new RocksDbStoreFactory().create(without));
  }

  @Test
  void containerMemoryBoundIsConfigured() {
    assertEquals(256L * 1024 * 1024, resources.memoryBytes(), "default");
    assertEquals(64L * 1024 * 1024, resources.writeBufferBytes(), "a quarter for memtables");
    try (RocksDbContainerResources r = new RocksDbContainerResources(32L * 1024 * 1024, registry, "j", "other")) {
      assertEquals(32L * 1024 * 1024, r.memoryBytes());
    }
    assertThrows(IllegalArgumentException.class, () -> new RocksDbContainerResources(1000, registry, "j", "other"));
  }

  @Test
  void bulkLoadRestoresQuickly() {
    int records = 200_000;
    // Warm-up and baseline: the same writes with the write-ahead log and compaction on.
    double normal = load("baseline", records, false);
    double bulk = load("restore", records, true);
    System.out.printf("restore of %d records (112 B each): bulk load %.0f k records/s, plain batched writes %.0f k records/s%n",
        records, bulk / 1000, normal / 1000);
  }

  /** Loads {@code records} entries; checks they are all there; returns records per second. */
  private double load(String store, int records, boolean bulk) {
    byte[] value = "x".repeat(100).getBytes(UTF_8);
    try (StoreHandle h = new RocksDbStoreFactory().create(context(store, "stores." + store + ".msg.serde", "bytes"))) {
      BytesStore engine = h.engine();
      long start = System.nanoTime();
      if (bulk) {
        engine.beginBulkLoad();
      }
      List<Entry<byte[], byte[]>> batch = new ArrayList<>(5_000);
      for (int i = 0; i < records; i++) {
        batch.add(new Entry<>(String.format("key-%08d", i).getBytes(UTF_8), value));
        if (batch.size() == 5_000) {
          engine.putAllRaw(batch);
          batch = new ArrayList<>(5_000);
        }
      }
      if (bulk) {
        engine.endBulkLoad();
      } else {
        engine.flush();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int count = 0;
      try (KeyValueIterator<Object, Object> it = h.store().all()) {
        while (it.hasNext()) {
          it.next();
          count++;
        }
      }
      assertEquals(records, count);
      return records / seconds;
    }
  }
}
