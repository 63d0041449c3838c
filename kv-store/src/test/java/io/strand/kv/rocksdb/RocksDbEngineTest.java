package io.strand.kv.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.config.Config;
import io.strand.kv.engine.StoreCorruptedException;
import io.strand.kv.engine.StoreException;
import io.strand.storage.kv.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RocksDB-only behaviour: persistence, checkpoints, corruption, TTL wiring, shared bounded memory. */
class RocksDbEngineTest {
  @TempDir Path tmp;
  SimpleMeterRegistry registry;
  RocksDbContainerResources resources;
  final List<RocksDbStore> open = new ArrayList<>();

  @BeforeEach
  void setUp() {
    registry = new SimpleMeterRegistry();
    resources = new RocksDbContainerResources(64L * 1024 * 1024, registry, "job", "c1");
  }

  @AfterEach
  void tearDown() {
    open.forEach(RocksDbStore::close);
    resources.close();
  }

  RocksDbStore open(String name, Path dir, String... settings) {
    Map<String, String> c = new java.util.HashMap<>();
    for (int i = 0; i < settings.length; i += 2) {
      c.put("stores." + name + "." + settings[i], settings[i + 1]);
    }
    RocksDbStore store = RocksDbStore.open(name, "Partition 0", dir, RocksDbSettings.fromConfig(name, Config.of(c)),
        resources);
    open.add(store);
    return store;
  }

  @Test
  void reopenAfterCloseKeepsData() {
    Path dir = tmp.resolve("s");
    RocksDbStore s = open("s", dir);
    s.put(b("a"), b("1"));
    s.putAll(List.of(new Entry<>(b("b"), b("2"))));
    s.flush();
    s.close();
    RocksDbStore again = open("s", dir);
    assertArrayEquals(b("1"), again.get(b("a")));
    assertArrayEquals(b("2"), again.get(b("b")));
  }

  @Test
  void checkpointIsAnOpenablePointInTimeCopy() {
    RocksDbStore s = open("s", tmp.resolve("s"));
    s.put(b("before"), b("1"));
    Path cp = tmp.resolve("checkpoints").resolve("1");
    s.checkpoint(cp);
    s.put(b("after"), b("2"));
    s.delete(b("before"));
    RocksDbStore copy = open("s", cp);
    assertArrayEquals(b("1"), copy.get(b("before")));
    assertNull(copy.get(b("after")));
    StoreException e = assertThrows(StoreException.class, () -> s.checkpoint(cp));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
  }

  @Test
  void garbageInCurrentIsCorruption() throws IOException {
    Path dir = closedStoreWithData();
    Files.writeString(dir.resolve("CURRENT"), "not a manifest name, and no newline");
    StoreCorruptedException e = assertThrows(StoreCorruptedException.class, () -> open("s", dir));
    assertEquals(dir, e.dir());
    assertEquals("s", e.storeName());
  }

  @Test
  void garbageInManifestIsCorruption() throws IOException {
    Path dir = closedStoreWithData();
    Path manifest;
    try (Stream<Path> files = Files.list(dir)) {
      manifest = files.filter(p -> p.getFileName().toString().startsWith("MANIFEST-")).findFirst().orElseThrow();
    }
    byte[] garbage = new byte[(int) Files.size(manifest)];
    java.util.Arrays.fill(garbage, (byte) 0x5a);
    Files.write(manifest, garbage);
    assertThrows(StoreCorruptedException.class, () -> open("s", dir));
  }

  @Test
  void aLockedStoreIsNotReportedAsCorrupt() {
    Path dir = tmp.resolve("s");
    open("s", dir);
    StoreException e = assertThrows(StoreException.class, () -> open("s", dir));
    assertFalse(e instanceof StoreCorruptedException, "wiping would not fix a held lock: " + e);
  }

  @Test
  void ttlOpensATtlDatabase() {
    Path dir = tmp.resolve("ttl");
    RocksDbStore s = open("t", dir, "rocksdb.ttl.ms", "1h");
    s.put(b("k"), b("v"));
    assertArrayEquals(b("v"), s.get(b("k")));
    s.close();
    // TtlDB stores a 4-byte timestamp after every value; a plain open shows it, proving TTL is on.
    RocksDbStore plain = open("t", dir);
    assertEquals(1 + 4, plain.get(b("k")).length);
  }

  @Test
  void everyCompressionRoundTrips() {
    for (String codec : List.of("none", "snappy", "lz4", "zstd")) {
      RocksDbStore s = open("c", tmp.resolve(codec), "rocksdb.compression", codec,
          "rocksdb.bloom.filter.bits.per.key", "0", "rocksdb.block.size.bytes", "16384");
      for (int i = 0; i < 2000; i++) {
        s.put(b("key-" + i), b("value value value " + i));
      }
      s.beginBulkLoad();
      s.endBulkLoad(); // flushes to an SST, so the codec is really used
      assertArrayEquals(b("value value value 7"), s.get(b("key-7")), codec);
    }
  }

  @Test
  void storesShareTheContainerCacheAndGaugesMove() {
    RocksDbStore a = open("a", tmp.resolve("a"));
    RocksDbStore b = open("b", tmp.resolve("b"));
    assertEquals(2, gauge(RocksDbContainerResources.GAUGE_OPEN_STORES));
    double before = gauge(RocksDbContainerResources.GAUGE_CACHE_USAGE);
    write(a, 0, 20_000);
    double afterA = gauge(RocksDbContainerResources.GAUGE_CACHE_USAGE);
    double memA = gauge(RocksDbContainerResources.GAUGE_MEMTABLES);
    write(b, 0, 20_000);
    double afterB = gauge(RocksDbContainerResources.GAUGE_CACHE_USAGE);
    double memAB = gauge(RocksDbContainerResources.GAUGE_MEMTABLES);
    // Both stores' memtables are charged to the one cache.
    assertTrue(afterA > before, "cache usage grows with store a's memtables: " + before + " -> " + afterA);
    assertTrue(afterB > afterA, "and with store b's, in the same cache: " + afterA + " -> " + afterB);
    assertTrue(memA > 0 && memAB > memA, "memtable gauge sums the stores: " + memA + " -> " + memAB);
    assertEquals(64.0 * 1024 * 1024, gauge(RocksDbContainerResources.GAUGE_LIMIT));
    assertTrue(gauge(RocksDbContainerResources.GAUGE_CACHE_PINNED) >= 0);
    a.close();
    assertEquals(1, gauge(RocksDbContainerResources.GAUGE_OPEN_STORES));
    assertTrue(gauge(RocksDbContainerResources.GAUGE_MEMTABLES) < memAB, "a closed store no longer counts");
  }

  @Test
  void memtablesStayWithinTheirShareOfTheBound() {
    resources.close();
    long bound = 8L * 1024 * 1024;
    resources = new RocksDbContainerResources(bound, registry, "job", "c1");
    List<RocksDbStore> stores = List.of(open("a", tmp.resolve("a")), open("b", tmp.resolve("b")),
        open("c", tmp.resolve("c")));
    double maxMemtables = 0;
    double maxCache = 0;
    for (int round = 0; round < 20; round++) {
      for (RocksDbStore s : stores) {
        for (int batch = 0; batch < 10; batch++) {
          write(s, round * 5_000 + batch * 500, 500); // 60 kB per call, 36 MB in all
        }
      }
      maxMemtables = Math.max(maxMemtables, resources.memtableBytes());
      maxCache = Math.max(maxCache, resources.blockCacheUsageBytes());
    }
    // Unbounded, the 36 MB written would sit in memtables (each store may hold 3 x 16 MiB). The
    // manager flushes at a quarter of the bound; flushes run in the background, so allow overshoot.
    System.out.printf("bound %d: max memtables %.0f, max cache usage %.0f%n", bound, maxMemtables, maxCache);
    assertTrue(maxMemtables < bound, "memtables " + maxMemtables + " vs bound " + bound);
    assertTrue(maxCache <= bound, "cache usage (blocks and charged memtables) " + maxCache + " vs bound " + bound);
    assertArrayEquals(b("v".repeat(100) + 99_999), stores.get(2).get(key(99_999)));
  }

  @Test
  void gaugesAreRemovedWithTheResources() {
    resources.close();
    assertTrue(registry.find(RocksDbContainerResources.GAUGE_CACHE_USAGE).gauges().isEmpty());
    assertEquals(0, resources.blockCacheUsageBytes());
    assertThrows(IllegalStateException.class, () -> RocksDbStore.open("x", "t", tmp.resolve("x"),
        RocksDbSettings.fromConfig("x", Config.of(Map.of())), resources));
  }

  @Test
  void closingTheResourcesClosesLeftoverStores() {
    RocksDbStore s = open("s", tmp.resolve("s"));
    resources.close();
    assertThrows(IllegalStateException.class, () -> s.get(b("a")));
  }

  private Path closedStoreWithData() {
    Path dir = tmp.resolve("s");
    RocksDbStore s = open("s", dir);
    write(s, 0, 1000);
    s.beginBulkLoad();
    s.endBulkLoad();
    s.close();
    return dir;
  }

  private static void write(RocksDbStore s, int from, int count) {
    List<Entry<byte[], byte[]>> batch = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      batch.add(new Entry<>(key(i), b("v".repeat(100) + i)));
    }
    s.putAll(batch);
  }

  private double gauge(String name) {
    return registry.get(name).tags("job", "job", "container", "c1").gauge().value();
  }

  private static byte[] key(int i) {
    return String.format("key-%08d", i).getBytes(UTF_8);
  }

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }


  @Test
  void aStoreDirUnderAFileFailsWithTheOsReason() throws IOException {
    Path file = Files.writeString(tmp.resolve("state"), "not a dir");
    StoreException e = assertThrows(StoreException.class, () -> open("s", file.resolve("s")));
    assertTrue(e.getMessage().contains("cannot create directory " + file.resolve("s")), e.getMessage());
    assertTrue(e.getMessage().contains("Not a directory"), e.getMessage());
  }

  @Test
  void everyMalformedRocksDbSettingIsListed() {
    Config config = Config.of(Map.of("stores.s.rocksdb.compression", "gzip", "stores.s.rocksdb.block.size.bytes", "big",
        "stores.s.rocksdb.max.write.buffers", "1", "stores.s.rocksdb.bloom.filter.bits.per.key", "10"));
    List<String> keys = RocksDbSettings.problems("s", config).stream().map(p -> p.key()).toList();
    assertEquals(List.of("stores.s.rocksdb.compression", "stores.s.rocksdb.block.size.bytes",
        "stores.s.rocksdb.max.write.buffers"), keys);
    assertTrue(RocksDbSettings.problems("s", config).get(0).problem().contains("none, snappy, lz4, zstd"));
    assertEquals(List.of(), RocksDbSettings.problems("s", Config.of(Map.of("stores.s.rocksdb.compression", "zstd"))));
  }
}
