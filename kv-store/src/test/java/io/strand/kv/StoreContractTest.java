package io.strand.kv;

import io.strand.container.TaskName;
import io.strand.kv.engine.BytesStore;
import io.strand.storage.kv.LocalDeletes;
import io.strand.storage.kv.WriteBehind;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.kv.layers.StoreMetrics;
import io.strand.kv.rocksdb.RocksDbContainerResources;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one contract every engine keeps, run against each engine at the byte level and through the
 * full stack its factory builds. Subclasses name the engine.
 */
abstract class StoreContractTest {
  static final String STORE = "contract-store";
  static final TaskName TASK = new TaskName("Partition 0");

  @TempDir Path tmp;
  SimpleMeterRegistry registry;
  RocksDbContainerResources resources;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  /** The factory under test. */
  abstract StoreFactory factory();

  /** Opens the bare engine in {@code dir}. */
  abstract BytesStore openEngine(String name, Path dir);

  @BeforeEach
  void setUp() {
    registry = new SimpleMeterRegistry();
    resources = new RocksDbContainerResources(64L * 1024 * 1024, registry, "job", "c0");
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    resources.close();
  }

  // ---------------------------------------------------------------- byte level

  BytesStore engine() {
    BytesStore engine = openEngine(STORE, tmp.resolve("engine"));
    toClose.add(engine);
    return engine;
  }

  @Test
  void getPutDeleteAtByteLevel() {
    BytesStore s = engine();
    assertNull(s.get(b(1)));
    s.put(b(1), b(10));
    assertArrayEquals(b(10), s.get(b(1)));
    s.put(b(1), b(11));
    assertArrayEquals(b(11), s.get(b(1)));
    s.delete(b(1));
    assertNull(s.get(b(1)));
    s.delete(b(1)); // absent: nothing happens
    assertEquals(STORE, s.name());
  }

  @Test
  void batchedCallsAtByteLevel() {
    BytesStore s = engine();
    s.putAll(List.of(new Entry<>(b(1), b(1)), new Entry<>(b(2), b(2)), new Entry<>(b(1), b(3)),
        new Entry<>(b(4), b(4)), new Entry<>(b(4), null)));
    byte[] k1 = b(1);
    byte[] k2 = b(2);
    byte[] k4 = b(4);
    Map<byte[], byte[]> found = s.getAll(List.of(k1, k2, k4));
    assertEquals(2, found.size());
    assertArrayEquals(b(3), found.get(k1), "later entry for the same key wins; keyed by the caller's array");
    assertArrayEquals(b(2), found.get(k2));
    assertFalse(found.containsKey(k4), "a null value in putAll deletes");
    s.deleteAll(List.of(b(1), b(2), b(9)));
    assertTrue(s.getAll(List.of(b(1), b(2))).isEmpty());
  }

  @Test
  void rangeIsHalfOpenInUnsignedByteOrder() {
    BytesStore s = engine();
    for (int k : new int[] {0xff, 0x80, 0x00, 0x7f}) {
      s.put(b(k), b(k));
    }
    assertEquals(List.of("00", "7f", "80", "ff"), keys(s.all()));
    assertEquals(List.of("7f", "80"), keys(s.range(b(0x7f), b(0xff))));
    assertEquals(List.of("00", "7f"), keys(s.range(b(0x00), b(0x80))));
    assertEquals(List.of("80", "ff"), keys(s.range(b(0x80), b(0xff, 0x00))), "longer key sorts after its prefix");
    assertEquals(List.of(), keys(s.range(b(0x80), b(0x80))), "empty when to == from");
    assertEquals(List.of(), keys(s.range(b(0xff), b(0x00))), "empty when to is before from");
  }

  @Test
  void arraysAreCopiedInAndOut() {
    BytesStore s = engine();
    byte[] key = b(1);
    byte[] value = b(2);
    s.put(key, value);
    key[0] = 9;
    value[0] = 9;
    assertArrayEquals(b(2), s.get(b(1)));
    s.get(b(1))[0] = 7;
    assertArrayEquals(b(2), s.get(b(1)));
  }

  @Test
  void writesDuringIterationDoNotBreakTheIterator() {
    BytesStore s = engine();
    for (int i = 0; i < 100; i++) {
      s.put(b(1, i), b(i));
    }
    int seen = 0;
    try (KeyValueIterator<byte[], byte[]> it = s.all()) {
      while (it.hasNext()) {
        Entry<byte[], byte[]> e = it.next();
        s.delete(e.key());
        s.put(b(2, seen), b(seen)); // after every key of the iteration
        seen++;
      }
    }
    assertTrue(seen >= 100, "every original key was visited; saw " + seen);
    try (KeyValueIterator<byte[], byte[]> it = s.range(b(1), b(2))) {
      assertFalse(it.hasNext(), "every original key was deleted");
    }
    assertArrayEquals(b(0), s.get(b(2, 0)));
  }

  @Test
  void iteratorsEndCleanlyAndCloseTwice() {
    BytesStore s = engine();
    s.put(b(1), b(1));
    KeyValueIterator<byte[], byte[]> it = s.all();
    assertTrue(it.hasNext());
    it.next();
    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
    it.close();
    it.close();
    KeyValueIterator<byte[], byte[]> leaked = s.range(b(0), b(9));
    assertTrue(leaked.hasNext());
    // Closing the store with an open iterator must release it rather than crash or leak.
    s.close();
    s.close();
    assertThrows(IllegalStateException.class, () -> s.get(b(1)));
    assertThrows(IllegalStateException.class, () -> s.put(b(1), b(1)));
    leaked.close();
  }

  @Test
  void nullsAtByteLevel() {
    BytesStore s = engine();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.get(null));
    assertTrue(e.getMessage().contains(STORE), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> s.put(null, b(1)));
    assertThrows(IllegalArgumentException.class, () -> s.delete(null));
    assertThrows(IllegalArgumentException.class, () -> s.range(null, b(1)));
    assertThrows(IllegalArgumentException.class, () -> s.range(b(1), null));
    assertThrows(IllegalArgumentException.class, () -> s.getAll(null));
    assertThrows(IllegalArgumentException.class, () -> s.putAll(null));
    assertThrows(IllegalArgumentException.class, () -> s.deleteAll(Arrays.asList(b(1), null)));
    s.put(b(1), b(1));
    s.put(b(1), null);
    assertNull(s.get(b(1)), "a null value deletes");
  }

  @Test
  void bulkLoadThenReads() {
    BytesStore s = engine();
    s.put(b(0, 0, 0), b(42));
    s.beginBulkLoad();
    assertThrows(IllegalStateException.class, s::beginBulkLoad);
    List<Entry<byte[], byte[]>> batch = new ArrayList<>();
    int records = 20_000;
    for (int i = 0; i < records; i++) {
      batch.add(new Entry<>(key(i), ("value-" + i).getBytes(UTF_8)));
      if (batch.size() == 2_000) {
        s.putAllRaw(batch);
        batch = new ArrayList<>();
      }
    }
    s.putAllRaw(List.of(new Entry<>(key(7), null), new Entry<>(b(0, 0, 0), null))); // tombstones
    assertArrayEquals("value-8".getBytes(UTF_8), s.get(key(8)), "reads work during the load");
    s.endBulkLoad();
    assertThrows(IllegalStateException.class, s::endBulkLoad);
    assertNull(s.get(key(7)));
    assertNull(s.get(b(0, 0, 0)));
    assertArrayEquals(("value-" + (records - 1)).getBytes(UTF_8), s.get(key(records - 1)));
    int count = 0;
    try (KeyValueIterator<byte[], byte[]> it = s.all()) {
      while (it.hasNext()) {
        it.next();
        count++;
      }
    }
    assertEquals(records - 1, count);
    assertTrue(s.approximateKeyCount().orElseThrow() > 0);
    assertTrue(s.approximateSizeBytes().orElseThrow() > 0);
    s.flush();
  }

  // ---------------------------------------------------------------- full stack

  Map<String, String> storeConfig(String... overrides) {
    Map<String, String> c = new HashMap<>();
    c.put("job.name", "job");
    c.put("stores." + STORE + ".key.serde", "string");
    c.put("stores." + STORE + ".msg.serde", "string");
    for (int i = 0; i < overrides.length; i += 2) {
      c.put(overrides[i], overrides[i + 1]);
    }
    return c;
  }

  StoreEnvironment environment() {
    return new StoreEnvironment("job", "c0", registry, resources);
  }

  StoreHandle handle(UnaryOperator<BytesStore> logging, String... overrides) {
    StoreContext context = new StoreContext(StoreSettings.fromConfig(STORE, Config.of(storeConfig(overrides))), TASK,
        environment(), tmp.resolve(STORE).resolve("Partition_0"), logging);
    StoreHandle handle = factory().create(context);
    toClose.add(handle);
    return handle;
  }

  StoreHandle handle(String... overrides) {
    return handle(UnaryOperator.identity(), overrides);
  }

  @Test
  void stackStoresObjects() {
    KeyValueStore<Object, Object> s = handle().store();
    assertNull(s.get("a"));
    s.put("a", "1");
    s.putAll(List.of(new Entry<>("b", "2"), new Entry<>("c", "3"), new Entry<>("d", "4")));
    assertEquals("1", s.get("a"));
    assertEquals(Map.of("a", "1", "c", "3"), s.getAll(List.of("a", "c", "zz")));
    s.delete("b");
    s.deleteAll(List.of("d"));
    assertNull(s.get("b"));
    assertEquals(List.of("a", "c"), objectKeys(s.all()));
    assertEquals(List.of("a"), objectKeys(s.range("a", "c")));
    s.flush();
  }

  @Test
  void stackNullSafety() {
    StoreHandle h = handle();
    KeyValueStore<Object, Object> s = h.store();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.put(null, "v"));
    assertTrue(e.getMessage().contains(STORE), e.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> s.get(null)).getMessage().contains(STORE));
    assertThrows(IllegalArgumentException.class, () -> s.delete(null));
    assertThrows(IllegalArgumentException.class, () -> s.range("a", null));
    assertThrows(IllegalArgumentException.class, () -> s.getAll(null));
    assertThrows(IllegalArgumentException.class, () -> s.putAll(Arrays.asList(new Entry<>("a", "1"), null)));
    assertThrows(IllegalArgumentException.class, () -> s.deleteAll(Arrays.asList("a", null)));
    s.put("k", "v");
    h.flush();
    s.put("k", null);
    assertNull(s.get("k"), "put(key, null) deletes, seen at once");
    h.flush();
    assertNull(h.engine().get(bytes("k")), "and the delete reaches the engine");
  }

  @Test
  void cacheReadsOwnWritesAndWritesThroughInBatches() {
    StoreHandle h = handle("stores." + STORE + ".object.cache.size", "10",
        "stores." + STORE + ".write.batch.size", "3");
    KeyValueStore<Object, Object> s = h.store();
    s.put("a", "1");
    s.put("b", "2");
    assertEquals("1", s.get("a"), "reads see own writes");
    assertNull(h.engine().get(bytes("a")), "not yet written down: the batch is not full");
    s.put("c", "3");
    assertArrayEquals(bytes("1"), h.engine().get(bytes("a")), "a full batch goes down");
    assertArrayEquals(bytes("3"), h.engine().get(bytes("c")));
    s.put("d", "4");
    s.delete("a");
    assertNull(s.get("a"));
    assertNull(h.engine().get(bytes("d")));
    assertArrayEquals(bytes("1"), h.engine().get(bytes("a")));
    h.flush();
    assertArrayEquals(bytes("4"), h.engine().get(bytes("d")), "flush writes every dirty entry");
    assertNull(h.engine().get(bytes("a")));
  }

  @Test
  void writeAheadWritesTheOldestDirtyEntriesAndTheFlushTheRest() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".object.cache.size", "100", "stores." + STORE + ".write.batch.size", "100");
    KeyValueStore<Object, Object> s = h.store();
    s.put("a", "1");
    s.put("b", "2");
    s.put("c", "3");
    s.put("d", "4");
    assertEquals(4, h.dirtyCount());
    assertEquals(2, h.writeAhead(2), "the two oldest");
    assertArrayEquals(bytes("1"), h.engine().get(bytes("a")));
    assertArrayEquals(bytes("2"), h.engine().get(bytes("b")));
    assertNull(h.engine().get(bytes("c")), "younger entries stay dirty");
    assertEquals(2, h.dirtyCount());
    assertEquals(0, layer[0].flushes, "a write ahead flushes nothing below");
    s.put("a", "1b"); // written again after its slice: dirty again, behind c and d
    s.delete("b");
    assertEquals("1b", s.get("a"));
    assertNull(s.get("b"));
    assertEquals(List.of("a", "c", "d"), objectKeys(s.range("a", "z")), "a scan merges what is still dirty");
    assertNull(h.engine().get(bytes("b")), "and writes down the delete of a key below, as always");
    assertEquals(3, h.dirtyCount());
    assertEquals(2, h.writeAhead(2));
    assertArrayEquals(bytes("3"), h.engine().get(bytes("c")));
    assertArrayEquals(bytes("4"), h.engine().get(bytes("d")));
    assertArrayEquals(bytes("1"), h.engine().get(bytes("a")), "a, written again after its slice, is the youngest");
    h.flush();
    assertArrayEquals(bytes("1b"), h.engine().get(bytes("a")), "the flush writes the rest, the key's later write last");
    assertEquals(0, h.dirtyCount());
    assertEquals(0, h.writeAhead(10), "nothing dirty: nothing written");
    assertEquals(List.of(2, 1, 2, 1), layer[0].putAllSizes, "every entry went down once per write");
  }

  @Test
  void iterationSeesWritesStillInTheCache() {
    StoreHandle h = handle("stores." + STORE + ".write.batch.size", "100");
    KeyValueStore<Object, Object> s = h.store();
    s.put("x", "1");
    s.put("y", "2");
    s.delete("x");
    assertEquals(List.of("y"), objectKeys(s.all()));
    s.put("z", "3");
    assertEquals(List.of("y", "z"), objectKeys(s.range("a", "zz")));
  }

  @Test
  void writesDuringIterationThroughTheStack() {
    KeyValueStore<Object, Object> s = handle("stores." + STORE + ".write.batch.size", "4",
        "stores." + STORE + ".object.cache.size", "8").store();
    for (int i = 0; i < 50; i++) {
      s.put("old-" + (char) ('a' + i % 26) + i, "v");
    }
    int seen = 0;
    try (KeyValueIterator<Object, Object> it = s.range("old-", "old-~")) {
      while (it.hasNext()) {
        Entry<Object, Object> e = it.next();
        s.delete(e.key());
        s.put("new-" + seen, "v");
        seen++;
      }
    }
    assertEquals(50, seen);
    assertEquals(List.of(), objectKeys(s.range("old-", "old-~")));
    assertEquals(50, objectKeys(s.range("new-", "new-~")).size());
  }

  @Test
  void aRangeMergesTheCachedWritesOfItsKeysWithoutWritingThemDown() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".write.batch.size", "100");
    KeyValueStore<Object, Object> s = h.store();
    s.put("a0", "old");
    s.put("a2", "old");
    s.put("a4", "old");
    s.put("c", "old");
    h.flush();
    s.put("a1", "1");
    s.put("a2", "2");
    s.delete("a4");
    s.put("a5", "5");
    s.put("b1", "x");
    s.delete("a6");
    try (KeyValueIterator<Object, Object> it = s.range("a", "b")) {
      List<String> seen = new ArrayList<>();
      while (it.hasNext()) {
        Entry<Object, Object> e = it.next();
        seen.add(e.key() + "=" + e.value());
        s.put("a3", "written while iterating");
      }
      assertEquals(List.of("a0=old", "a1=1", "a2=2", "a5=5"), seen,
          "below's a0, the cache's a1, a2 over below's, a4 deleted in the cache, a6 deleted and never below");
    }
    // The deletions of keys that may be below (a4 was, a6 may be: it was never read) go down with
    // the scan, so it does not read below's entries only to hide them; the other writes stay cached.
    assertEquals(List.of(4, 2), layer[0].putAllSizes, "only the deletions written down by the scan");
    assertEquals(List.of("a0", "a1", "a2", "a3", "a5"), objectKeys(s.range("a", "b")));
    assertEquals(List.of(), objectKeys(s.range("b", "a")), "an empty range");
    h.flush();
    assertNull(h.engine().get(bytes("a4")), "the delete goes down at the flush");
    assertArrayEquals(bytes("2"), h.engine().get(bytes("a2")));
    assertEquals(List.of("a0", "a1", "a2", "a3", "a5", "b1", "c"), objectKeys(s.all()));
  }

  @Test
  void rangesOnEveryWriteMergeTheirDirtyEntriesAndWritesGoDownInFullBatches() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".write.batch.size", "30");
    KeyValueStore<Object, Object> s = h.store();
    // A join's probes: a scan of one key's records at every write (the writes of the other side),
    // and now and then one over every key.
    for (int i = 0; i < 100; i++) {
      String key = String.format("k%03d", i);
      s.put(key, "v" + i);
      assertEquals(List.of(key + "=v" + i), entries(s.range(key, key + "~")), "the key just written, merged");
      if (i % 10 == 9) {
        assertEquals(i + 1, objectKeys(s.range("k", "l")).size(), "every write so far, merged or below");
      }
    }
    assertEquals(List.of(30, 30, 30), layer[0].putAllSizes,
        "scans force no write-down: the dirty entries go down in full batches");
    assertEquals(List.of("k042=v42", "k043=v43"), entries(s.range("k042", "k044")));
    h.flush();
    assertEquals(List.of(30, 30, 30, 10), layer[0].putAllSizes);
    assertEquals(100, objectKeys(s.all()).size());
  }

  @Test
  void aKeyWrittenAgainAfterAScanWroteItsDeletionDownIsScannedOnce() {
    StoreHandle h = handle("stores." + STORE + ".write.batch.size", "100");
    h.engine().put(bytes("k1"), bytes("below"));
    KeyValueStore<Object, Object> s = h.store();
    assertEquals("below", s.get("k1"));
    s.delete("k1");
    assertEquals(List.of(), entries(s.range("k", "l")), "the deletion goes down with the scan");
    assertNull(h.engine().get(bytes("k1")));
    s.put("k1", "again");
    s.put("k2", "2");
    assertEquals(List.of("k1=again", "k2=2"), entries(s.range("k", "l")));
    s.put("k3", "3");
    assertEquals(List.of("k1=again", "k2=2", "k3=3"), entries(s.range("k", "l")));
    h.flush();
    assertEquals(List.of("k1=again", "k2=2", "k3=3"), entries(s.all()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void scansAfterLocalDeletesAndEvictionsShowOnlyWhatIsStored() {
    StoreHandle h = handle("stores." + STORE + ".object.cache.size", "4", "stores." + STORE + ".write.batch.size", "4");
    KeyValueStore<Object, Object> s = h.store();
    s.put("a", "1");
    s.put("b", "2");
    assertEquals(List.of("a=1", "b=2"), entries(s.range("a", "z")), "the index is built");
    ((LocalDeletes<Object>) s).deleteLocally(List.of("a"));
    assertEquals(List.of("b=2"), entries(s.range("a", "z")), "a dropped write leaves the scan");
    s.put("c", "3");
    s.put("d", "4");
    s.put("e", "5"); // evicts a dirty entry, written down alone
    s.put("b", "2b");
    assertEquals(List.of("b=2b", "c=3", "d=4", "e=5"), entries(s.range("a", "z")));
    s.delete("c");
    assertEquals(List.of("b=2b", "d=4", "e=5"), entries(s.range("a", "z")));
    h.flush();
    assertEquals(List.of("b=2b", "d=4", "e=5"), entries(s.all()));
  }

  @Test
  void rangesNowAndThenOverKeysWrittenOftenKeepMergingAndClosedKeysNeverGoDown() {
    RecordingLayer[] layer = new RecordingLayer[1];
    // A cache of 12: two hours of windows fit, the 200 keys of the whole run do not, so deleted
    // keys kept as cached entries would push open windows out (each eviction a write-down).
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".write.batch.size", "1000", "stores." + STORE + ".object.cache.size", "12");
    KeyValueStore<Object, Object> s = h.store();
    // Hourly windows: every record updates its hour's window; each new hour closes the one before.
    for (int hour = 0; hour < 40; hour++) {
      for (int i = 0; i < 50; i++) {
        String key = String.format("h%02d|a%d", hour, i % 5);
        Object current = s.get(key);
        s.put(key, current == null ? "1" : current + "1");
      }
      List<Object> closed = objectKeys(s.range("h", String.format("h%02d", hour)));
      assertEquals(hour == 0 ? 0 : 5, closed.size(), "the hour before, merged from the cache");
      s.deleteAll(closed);
    }
    assertEquals(List.of(), layer[0].putAllSizes, "nothing written down: merges are cheap next to the writes");
    assertEquals(0, layer[0].keysRead, "closed keys left the cache, which still holds every key below (none)");
    h.flush();
    assertEquals(List.of(5), layer[0].putAllSizes, "only the open hour goes down; closed hours never did");
    assertEquals("1111111111", s.get("h39|a0"));
  }

  @Test
  void closedKeysDoNotCountAsDirtyInTheRangeMergeRule() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".write.batch.size", "1000", "stores." + STORE + ".object.cache.size", "12");
    KeyValueStore<Object, Object> s = h.store();
    // Many hours between two write-downs (a month of flights between two commits): the closed
    // windows, deleted before they ever went down, must not pile up as dirty entries that the
    // hourly scans look through and that trip the rule writing everything down (after ~80 hours).
    for (int hour = 0; hour < 300; hour++) {
      for (int i = 0; i < 20; i++) {
        String key = String.format("h%03d|a%d", hour, i % 5);
        Object current = s.get(key);
        s.put(key, current == null ? "1" : current + "1");
      }
      List<Object> closed = objectKeys(s.range("h", String.format("h%03d", hour)));
      assertEquals(hour == 0 ? 0 : 5, closed.size(), "the hour before, merged from the cache");
      s.deleteAll(closed);
    }
    assertEquals(List.of(), layer[0].putAllSizes, "nothing written down before the flush");
    h.flush();
    assertEquals(List.of(5), layer[0].putAllSizes, "only the open hour goes down");
    assertEquals("1111", s.get("h299|a4"));
  }

  @Test
  void closedKeysThatWereBelowAreNotReadAgainByLaterScans() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".write.batch.size", "1000", "stores." + STORE + ".object.cache.size", "100");
    KeyValueStore<Object, Object> s = h.store();
    for (int i = 0; i < 5; i++) {
      s.put("h00|a" + i, "1");
    }
    h.flush(); // a commit: the open hour goes down
    for (int i = 0; i < 5; i++) {
      s.put("h01|a" + i, "1");
    }
    List<Object> closed = objectKeys(s.range("h", "h01"));
    assertEquals(5, closed.size(), "hour 0, read below");
    s.deleteAll(closed);
    // Later hours, each scanned and closed before the next write-down (commit).
    for (int hour = 1; hour < 20; hour++) {
      for (int i = 0; i < 5; i++) {
        s.put(String.format("h%02d|a%d", hour + 1, i), "1");
      }
      List<Object> done = objectKeys(s.range("h", String.format("h%02d", hour + 1)));
      assertEquals(5, done.size(), "hour " + hour + ", from the cache; hour 0's deletions hide nothing");
      s.deleteAll(done);
    }
    assertEquals(5, layer[0].keysScanned.stream().filter(k -> k.contains("h00|")).count(),
        "hour 0's windows were read below once, when closed, not again by the scans after their deletion");
    h.flush();
    assertNull(s.get("h00|a0"));
    assertEquals(List.of(), objectKeys(s.range("h", "h20")), "every closed hour is gone, below too");
    assertEquals(List.of("h20|a0", "h20|a1", "h20|a2", "h20|a3", "h20|a4"), objectKeys(s.all()));
  }

  @Test
  void aFreshStoreReadsNothingBelowUntilItsCacheEvicts() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".object.cache.size", "3");
    KeyValueStore<Object, Object> s = h.store();
    assertNull(s.get("a"));
    s.put("a", "1");
    assertEquals(Map.of(), s.getAll(List.of("b", "c")));
    assertEquals(0, layer[0].keysRead, "below was empty and the cache holds every key: misses are absent keys");
    assertNull(s.get("d"), "a fourth key: read nothing below either, then evicts one");
    assertEquals(0, layer[0].keysRead);
    assertEquals("1", s.get("a"), "evicted (then read below) or not, the write is seen");
    int before = layer[0].keysRead;
    assertNull(s.get("e"));
    assertEquals(before + 1, layer[0].keysRead, "after an eviction a key the cache lacks may be below: read");
  }

  @Test
  void aStoreWithKeysBelowAtItsFirstReadReadsBelowOnAMiss() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine));
    h.engine().put(bytes("restored"), bytes("1")); // as a restore does, below the logging layer
    KeyValueStore<Object, Object> s = h.store();
    assertEquals("1", s.get("restored"));
    assertNull(s.get("new"));
    assertEquals(2, layer[0].keysRead);
  }

  @Test
  void aBulkDeleteSendsUncachedKeysDownInOneBatchWithoutCachingThem() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".object.cache.size", "3", "stores." + STORE + ".write.batch.size", "100");
    h.engine().put(bytes("old1"), bytes("1")); // as a restore does: below, not cached
    h.engine().put(bytes("old2"), bytes("2"));
    KeyValueStore<Object, Object> s = h.store();
    s.put("hot", "h");
    s.put("gone", "g"); // dirty and cached: deleted through the cache, after its put
    s.deleteAll(List.of("old1", "gone", "old2", "never"));
    assertEquals(List.of(3), layer[0].putAllSizes, "the uncached keys in one batch, nothing written down yet");
    assertNull(h.engine().get(bytes("old1")));
    assertNull(h.engine().get(bytes("old2")));
    assertEquals("h", s.get("hot"), "still cached: the bulk delete evicted nothing");
    assertEquals(0, layer[0].keysRead);
    assertNull(s.get("gone"));
    h.flush();
    assertNull(h.engine().get(bytes("gone")), "the cached key's put and delete went down in order");
    assertArrayEquals(bytes("h"), h.engine().get(bytes("hot")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void localDeletesReachTheEngineButNeverTheLoggingLayer() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".object.cache.size", "3", "stores." + STORE + ".write.batch.size", "100");
    h.engine().put(bytes("below"), bytes("1")); // written down (and logged) long ago
    KeyValueStore<Object, Object> s = h.store();
    s.put("dirty", "d"); // cached, not yet sent down
    s.put("kept", "k");
    ((LocalDeletes<Object>) s).deleteLocally(List.of("below", "dirty", "absent"));
    assertNull(h.engine().get(bytes("below")));
    assertNull(s.get("below"));
    assertNull(s.get("dirty"), "the pending write is dropped with its slot");
    h.flush();
    assertEquals(1, layer[0].recordsLogged(), "only kept's put reaches the changelog: no tombstone, no dropped write");
    assertNull(h.engine().get(bytes("dirty")));
    assertArrayEquals(bytes("k"), h.engine().get(bytes("kept")));
  }

  @Test
  void aFreshStoreSkipsDeletesOfKeysItNeverHeld() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".object.cache.size", "4", "stores." + STORE + ".write.batch.size", "100");
    KeyValueStore<Object, Object> s = h.store();
    s.put("a", "1");
    s.deleteAll(List.of("x", "y"));
    assertEquals(0, layer[0].recordsLogged(), "below was empty and nothing evicted: the keys are absent");
    assertEquals("1", s.get("a"));
    h.flush();
    assertEquals(1, layer[0].recordsLogged(), "only the put of a, no delete of a key never held");
  }

  @Test
  void aKeyDeletedBeforeItWentDownCostsNothingBelowAndOneThatWentDownIsDeletedThere() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".object.cache.size", "10", "stores." + STORE + ".write.batch.size", "10");
    KeyValueStore<Object, Object> s = h.store();
    h.engine().put(bytes("restored"), bytes("r")); // as a restore does
    assertNull(s.get("short")); // read below as absent
    s.put("short", "1");
    s.put("short", "2");
    s.delete("short"); // opened and closed between two write-downs: nothing to send
    assertNull(s.get("short"));
    s.put("kept", "1");
    s.delete("restored"); // held below: its deletion must go down
    h.flush();
    assertEquals(2, layer[0].recordsLogged(), "the put of 'kept' and the deletion of 'restored' only");
    assertNull(h.engine().get(bytes("restored")));
    assertArrayEquals(bytes("1"), h.engine().get(bytes("kept")));
    s.delete("kept"); // written down since: deleted below too
    h.flush();
    assertEquals(3, layer[0].recordsLogged());
    assertNull(h.engine().get(bytes("kept")));
  }

  @Test
  void evictingADirtyEntryWritesItDownAlone() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".object.cache.size", "3", "stores." + STORE + ".write.batch.size", "50");
    KeyValueStore<Object, Object> s = h.store();
    s.put("a", "1");
    s.put("b", "2");
    assertNull(s.get("x"));
    assertEquals("1", s.get("a"));
    assertNull(s.get("x")); // x and a read again: CLOCK spares them, so the victim is b, dirty
    s.put("d", "4"); // b goes down alone, a stays dirty
    assertEquals(List.of(1), layer[0].putAllSizes);
    h.flush();
    assertEquals(3, layer[0].recordsLogged(), "each write once, the evicted one included");
    assertEquals("1", s.get("a"));
    assertEquals("2", s.get("b"));
    assertEquals("4", s.get("d"));
  }

  @Test
  void aByteBudgetHoldsTheEntriesItsMeasuredEntrySizeBuys() {
    // "kNN" -> "v": 4 serialized bytes, plus 64 counted per entry: 68 bytes, 40 entries in 2,720.
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".object.cache.bytes", "2720", "stores." + STORE + ".write.batch.size", "10");
    KeyValueStore<Object, Object> s = h.store();
    for (int i = 0; i < 40; i++) {
      s.put(String.format("k%02d", i), "v");
    }
    assertEquals(List.of(10, 10, 10, 10), layer[0].putAllSizes, "written down in batches, none evicted");
    for (int i = 0; i < 40; i++) {
      assertEquals("v", s.get(String.format("k%02d", i)));
    }
    assertEquals(0.0, counter(StoreMetrics.CACHE_MISSES), "the 40 entries fit");
    s.put("k40", "v"); // the 41st: one entry goes
    for (int i = 0; i <= 40; i++) {
      assertEquals("v", s.get(String.format("k%02d", i)));
    }
    assertTrue(counter(StoreMetrics.CACHE_MISSES) >= 1, "the 41st entry evicted one: no room for 41");

    // A byte budget alone has no bound in entries; with object.cache.size set as well, that bounds them.
    String bytesKey = "stores." + STORE + ".object.cache.bytes";
    assertEquals(Integer.MAX_VALUE, settings(bytesKey, "2720").objectCacheSize());
    assertEquals(2720L, settings(bytesKey, "2720").objectCacheBytes());
    assertEquals(5, settings(bytesKey, "2720", "stores." + STORE + ".object.cache.size", "5").objectCacheSize());
    assertEquals(0L, settings().objectCacheBytes(), "unset: sized in entries only");
    ConfigException bad = assertThrows(ConfigException.class, () -> settings(bytesKey, "0"));
    assertTrue(bad.getMessage().contains(bytesKey), bad.getMessage());
  }

  private StoreSettings settings(String... overrides) {
    return StoreSettings.fromConfig(STORE, Config.of(storeConfig(overrides)));
  }

  @Test
  void smallCacheEvictsWithoutLosingWrites() {
    StoreHandle h = handle("stores." + STORE + ".object.cache.size", "2",
        "stores." + STORE + ".write.batch.size", "50");
    KeyValueStore<Object, Object> s = h.store();
    for (int i = 0; i < 20; i++) {
      s.put("k" + i, "v" + i);
    }
    for (int i = 0; i < 20; i++) {
      assertEquals("v" + i, s.get("k" + i));
    }
    h.flush();
    for (int i = 0; i < 20; i++) {
      assertArrayEquals(bytes("v" + i), h.engine().get(bytes("k" + i)));
    }
  }

  @Test
  void noCacheWritesStraightDown() {
    StoreHandle h = handle("stores." + STORE + ".object.cache.size", "0");
    h.store().put("a", "1");
    assertArrayEquals(bytes("1"), h.engine().get(bytes("a")));
  }

  @Test
  void loggingLayerSitsBetweenCacheAndEngineAndSeesBatches() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".write.batch.size", "3");
    assertSame(layer[0], h.bytes());
    assertSame(h.engine(), layer[0].delegate(), "the layer wraps the metered engine");
    for (int i = 0; i < 7; i++) {
      h.store().put("k" + i, "v");
    }
    h.flush();
    assertEquals(List.of(3, 3, 1), layer[0].putAllSizes, "cached writes reach the log in batches");
    assertEquals(0, layer[0].singleWrites);
    assertEquals(1, layer[0].flushes);
    // Restore writes below the logging layer, so they are not logged again.
    h.engine().putAllRaw(List.of(new Entry<>(bytes("restored"), bytes("r"))));
    assertEquals(7, layer[0].recordsLogged());
    assertEquals("r", h.store().get("restored"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void deferredPutsGoDownAtTheCommitAndNotAtAllWhenDroppedFirst() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".object.cache.size", "2", "stores." + STORE + ".write.batch.size", "2");
    KeyValueStore<Object, Object> s = h.store();
    WriteBehind<Object, Object> behind = (WriteBehind<Object, Object>) s;
    for (String k : List.of("k1", "k2", "k3", "k4")) {
      behind.putBehind(k, "v" + k);
    }
    s.put("x", "1"); // ordinary writes fill the small cache and go down in batches, the deferred puts do not
    s.put("y", "2");
    s.put("z", "3");
    assertEquals(List.of(2), layer[0].putAllSizes, "one full batch of ordinary writes");
    assertEquals("vk2", s.get("k2"), "reads see a deferred put");
    assertNull(h.engine().get(bytes("k2")), "which is not below yet");
    ((LocalDeletes<Object>) s).deleteLocally(List.of("k1", "k3"));
    assertNull(s.get("k1"));
    try (KeyValueIterator<Object, Object> it = s.range("a", "b")) {
      assertFalse(it.hasNext());
    }
    assertEquals(List.of(2), layer[0].putAllSizes, "a scan that cannot cover them leaves them deferred");
    h.flush();
    assertEquals(List.of(2, 1, 2), layer[0].putAllSizes, "x and y, then z and the deferred puts left: k2, k4");
    assertArrayEquals(bytes("vk2"), h.engine().get(bytes("k2")));
    assertArrayEquals(bytes("vk4"), h.engine().get(bytes("k4")));
    assertNull(h.engine().get(bytes("k1")), "dropped before the commit: never below");
    assertNull(h.engine().get(bytes("k3")));
    ((LocalDeletes<Object>) s).deleteLocally(List.of("k2"));
    assertNull(h.engine().get(bytes("k2")), "once down, a local delete deletes it in the engine");
    assertEquals(List.of("k4=vk4", "x=1", "y=2", "z=3"), entries(s.all()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void deferredPutsUnderExactlyOnceAreLoggedAtTheCommitAndWrittenBeforeASnapshot() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".object.cache.size", "4", "stores." + STORE + ".write.batch.size", "4");
    KeyValueStore<Object, Object> s = h.store();
    WriteBehind<Object, Object> behind = (WriteBehind<Object, Object>) s;
    behind.putBehind("a", "1");
    behind.putBehind("b", "2");
    behind.putBehind("c", "3");
    ((LocalDeletes<Object>) s).deleteLocally(List.of("c"));
    h.flushToLog();
    assertEquals(List.of(2), layer[0].logOnlySizes, "the commit logs the deferred puts left");
    assertNull(h.engine().get(bytes("a")), "the engine gets them later");
    ((LocalDeletes<Object>) s).deleteLocally(List.of("a"));
    s.put("b", "2b"); // an ordinary put replaces the deferred one, still deferred: logged again at the next commit
    assertEquals("2b", s.get("b"));
    behind.putBehind("d", "4");
    h.writeLogged();
    assertEquals(List.of(), layer[0].engineOnlySizes, "b was replaced and d is not logged yet: nothing for a snapshot");
    h.flushToLog();
    assertEquals(List.of(2, 2), layer[0].logOnlySizes);
    h.writeLogged();
    assertEquals(List.of(2), layer[0].engineOnlySizes);
    assertNull(h.engine().get(bytes("a")), "dropped after its changelog write, before the engine's");
    assertArrayEquals(bytes("2b"), h.engine().get(bytes("b")));
    assertArrayEquals(bytes("4"), h.engine().get(bytes("d")));
    assertEquals(List.of(), layer[0].putAllSizes, "nothing went down the ordinary way");
  }

  @Test
  @SuppressWarnings("unchecked")
  void ordinaryWritesAndCoveringScansOfDeferredKeysKeepEachKeysOrder() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".object.cache.size", "4", "stores." + STORE + ".write.batch.size", "4");
    KeyValueStore<Object, Object> s = h.store();
    WriteBehind<Object, Object> behind = (WriteBehind<Object, Object>) s;
    behind.putBehind("m1", "1");
    s.delete("m1"); // never below: dropped, nothing sent
    assertNull(s.get("m1"));
    behind.putBehind("m2", "2");
    behind.putBehind("m3", "3");
    assertEquals(List.of("m2=2", "m3=3"), entries(s.range("m", "n")), "a covering scan sends them down first");
    assertEquals(List.of(2), layer[0].putAllSizes);
    assertArrayEquals(bytes("2"), h.engine().get(bytes("m2")));
    s.delete("m2"); // an ordinary key now: its delete goes down with the next batch
    h.flush();
    assertNull(h.engine().get(bytes("m2")));
    assertEquals(List.of("m3=3"), entries(s.all()));
    assertEquals(3, layer[0].recordsLogged(), "m2, m3 and m2's tombstone; m1 never");
  }

  @Test
  void deferredEngineWritesReachTheEngineOnlyWhenNeeded() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine),
        "stores." + STORE + ".object.cache.size", "4", "stores." + STORE + ".write.batch.size", "4");
    KeyValueStore<Object, Object> s = h.store();
    s.put("a", "1");
    s.put("b", "2");
    h.flushToLog();
    assertEquals(List.of(2), layer[0].logOnlySizes, "the commit logs the dirty entries");
    assertEquals(0, layer[0].flushes, "and flushes nothing below");
    assertNull(h.engine().get(bytes("a")), "the engine does not have them yet");
    assertEquals("1", s.get("a"), "the cache answers for them");
    s.put("a", "3"); // logged and dirty again
    h.flushToLog();
    assertEquals(List.of(2, 1), layer[0].logOnlySizes);
    h.writeLogged();
    assertEquals(List.of(2), layer[0].engineOnlySizes, "one engine write per key, its last logged value");
    assertArrayEquals(bytes("3"), h.engine().get(bytes("a")));
    assertArrayEquals(bytes("2"), h.engine().get(bytes("b")));
    h.writeLogged();
    assertEquals(List.of(2), layer[0].engineOnlySizes, "nothing left to write");
    assertEquals(3, layer[0].recordsLogged(), "nothing is logged twice");

    // A range scan sees logged entries: they reach the engine first.
    s.put("c", "4");
    h.flushToLog();
    try (KeyValueIterator<Object, Object> it = s.range("c", "d")) {
      assertEquals("4", it.next().value());
    }
    // Evicting a logged entry writes it to the engine (and every other logged one), unlogged.
    s.put("d", "5");
    h.flushToLog();
    for (String k : List.of("e", "f", "g", "h")) {
      s.get(k); // misses fill the cache and evict the older entries
    }
    assertArrayEquals(bytes("5"), h.engine().get(bytes("d")));
    assertEquals(5, layer[0].recordsLogged());
    // Close writes what is still logged only.
    s.put("a", "6");
    h.flushToLog();
    int before = layer[0].engineOnlySizes.size();
    h.close();
    assertEquals(List.of(1), layer[0].engineOnlySizes.subList(before, layer[0].engineOnlySizes.size()),
        "a clean close writes what was only logged to the engine");
    assertEquals(6, layer[0].recordsLogged());
  }

  @Test
  void metricsAreTaggedAndRemovedOnClose() {
    StoreHandle h = handle("stores." + STORE + ".object.cache.size", "0");
    KeyValueStore<Object, Object> s = h.store();
    s.put("a", "12");
    s.get("a");
    s.get("missing");
    s.delete("a");
    s.all().close();
    h.flush();
    assertEquals(1, counter(StoreMetrics.PUTS));
    assertEquals(2, counter(StoreMetrics.GETS));
    assertEquals(1, counter(StoreMetrics.DELETES));
    assertEquals(1, counter(StoreMetrics.RANGE_SCANS));
    assertEquals(3 + 1, counter(StoreMetrics.BYTES_WRITTEN), "key+value of the put, key of the delete");
    assertEquals(3, counter(StoreMetrics.BYTES_READ));
    assertEquals(1, registry.get(StoreMetrics.FLUSH).tags("store", STORE).timer().count());
    h.close();
    assertTrue(registry.find(StoreMetrics.PUTS).meters().isEmpty(), "a closed store stops being reported");
  }

  @Test
  void cacheHitsAndMissesAreCounted() {
    KeyValueStore<Object, Object> s = handle().store();
    s.get("a");
    s.get("a");
    s.put("b", "1");
    s.get("b");
    assertEquals(1, counter(StoreMetrics.CACHE_MISSES));
    assertEquals(2, counter(StoreMetrics.CACHE_HITS));
  }

  @Test
  void readModifyWriteKeepsRecencyAndWritesTheLastValue() {
    StoreHandle h = handle("stores." + STORE + ".object.cache.size", "2",
        "stores." + STORE + ".write.batch.size", "100");
    KeyValueStore<Object, Object> s = h.store();
    String a = "a";
    assertNull(s.get(a));
    s.put(a, "1");
    s.put("b", "1");
    assertEquals("1", s.get(a), "the same key instance, after another key: looked up again");
    s.put(a, "2"); // a was read again, b was not: b is the eviction candidate
    s.put("c", "1"); // evicts b, writing every dirty entry down first
    assertArrayEquals(bytes("2"), h.engine().get(bytes("a")));
    assertEquals(1.0, counter(StoreMetrics.CACHE_HITS));
    assertEquals("2", s.get(a), "a stayed cached: b was not read again since it came, so CLOCK took it first");
    assertEquals(2.0, counter(StoreMetrics.CACHE_HITS));
    assertEquals(1.0, counter(StoreMetrics.CACHE_MISSES));
    s.put(a, "3");
    s.put(a, "4");
    h.flush();
    assertArrayEquals(bytes("4"), h.engine().get(bytes("a")));
    assertArrayEquals(bytes("1"), h.engine().get(bytes("b")));
    assertArrayEquals(bytes("1"), h.engine().get(bytes("c")));
  }

  @Test
  void aByteArrayKeyMutatedBetweenGetAndPutIsANewKey() {
    StoreHandle h = handle("stores." + STORE + ".key.serde", "bytes", "stores." + STORE + ".write.batch.size", "100");
    KeyValueStore<Object, Object> s = h.store();
    byte[] key = b(1);
    assertNull(s.get(key));
    key[0] = 2;
    s.put(key, "two");
    key[0] = 3;
    h.flush();
    assertNull(s.get(b(1)));
    assertEquals("two", s.get(b(2)));
    assertNull(h.engine().get(b(1)), "the cache keeps its own copy of the key it looked up");
    assertArrayEquals(bytes("two"), h.engine().get(b(2)));
  }

  @Test
  void aByteArrayKeyReadThenWrittenThroughAnotherArrayIsOneEntry() {
    StoreHandle h = handle("stores." + STORE + ".key.serde", "bytes", "stores." + STORE + ".object.cache.size", "2",
        "stores." + STORE + ".write.batch.size", "100");
    KeyValueStore<Object, Object> s = h.store();
    assertNull(s.get(b(1)));
    byte[] again = b(1);
    s.put(again, "one"); // equal content: the entry just read, not a second one
    again[0] = 9; // the caller's array, not the cache's copy of the key
    assertEquals("one", s.get(b(1)));
    s.put(b(2), "two");
    s.put(b(3), "three"); // evicts the least recently used entry, writing every dirty entry down
    h.flush();
    assertArrayEquals(bytes("one"), h.engine().get(b(1)));
    assertNull(h.engine().get(b(9)));
    assertEquals(1.0, counter(StoreMetrics.CACHE_MISSES));
    assertEquals(1.0, counter(StoreMetrics.CACHE_HITS));
  }

  @Test
  void missingSerdeIsAConfigErrorNamingTheKey() {
    Map<String, String> c = storeConfig();
    c.remove("stores." + STORE + ".msg.serde");
    ConfigException e = assertThrows(ConfigException.class, () -> StoreSettings.fromConfig(STORE, Config.of(c)));
    assertEquals("stores." + STORE + ".msg.serde", e.problems().get(0).key());
    assertFalse(tmp.resolve(STORE).toFile().exists(), "nothing is opened before the config is checked");
  }

  @Test
  void closingTheHandleFlushesTheCacheThroughTheLoggingLayer() {
    RecordingLayer[] layer = new RecordingLayer[1];
    StoreHandle h = handle(engine -> layer[0] = new RecordingLayer(engine));
    h.store().put("a", "1");
    assertEquals(0, layer[0].recordsLogged());
    h.close();
    h.close();
    assertEquals(1, layer[0].recordsLogged());
  }

  // ---------------------------------------------------------------- helpers

  double counter(String name) {
    return registry.get(name).tags("job", "job", "container", "c0", "task", TASK.name(), "store", STORE)
        .functionCounter().count();
  }

  static byte[] b(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  static byte[] key(int i) {
    return new byte[] {1, (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
  }

  static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  static List<String> keys(KeyValueIterator<byte[], byte[]> it) {
    List<String> out = new ArrayList<>();
    try (it) {
      while (it.hasNext()) {
        StringBuilder hex = new StringBuilder();
        for (byte x : it.next().key()) {
          hex.append(String.format("%02x", x & 0xff));
        }
        out.add(hex.toString());
      }
    }
    return out;
  }

  static List<Object> objectKeys(KeyValueIterator<Object, Object> it) {
    List<Object> out = new ArrayList<>();
    try (it) {
      while (it.hasNext()) {
        out.add(it.next().key());
      }
    }
    return out;
  }

  /** The entries of a scan as {@code key=value}, in order. */
  static List<String> entries(KeyValueIterator<Object, Object> it) {
    List<String> out = new ArrayList<>();
    try (it) {
      while (it.hasNext()) {
        Entry<Object, Object> e = it.next();
        out.add(e.key() + "=" + e.value());
      }
    }
    return out;
  }
}
