package io.strand.changelog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.kv.engine.BytesStore;
import io.strand.kv.rocksdb.RocksDbContainerResources;
import io.strand.kv.rocksdb.RocksDbSettings;
import io.strand.kv.rocksdb.RocksDbStore;
import io.strand.storage.kv.Entry;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot gate's contract on the logged layer, method by method: every call that changes the
 * engine waits while a local snapshot is pending ({@link SnapshotGate}), every other call does
 * not. A new method on {@link BytesStore} fails {@link #everyMethodOfTheStoreIsClassified} until it
 * is put in one of the two lists (and, if it writes, gated in {@link LoggedStore}). Real broker,
 * real RocksDB.
 */
@RealKafka
class LoggedStoreGateTest {

  /** Calls that change the engine: they wait while a snapshot is pending. */
  private static final Set<String> GATED =
      Set.of("put", "putAll", "putAllLogged", "delete", "deleteAll", "deleteAllUnlogged", "flush", "close");
  /**
   * Calls that never wait: reads, the changelog-only send, the snapshot itself, and the restore's
   * bulk writes (before the task processes, so no snapshot can be pending).
   */
  private static final Set<String> NOT_GATED = Set.of("name", "get", "getAll", "range", "all", "logAll",
      "putAllRaw", "beginBulkLoad", "endBulkLoad", "checkpoint", "approximateKeyCount", "approximateSizeBytes");
  private static final long WAIT_MS = 300;
  /** Keys b, c and d in the engine after each write of {@link #everyEngineWriteWaitsForThePendingSnapshot}. */
  private static final Map<String, byte[][]> AFTER = Map.of(
      "put", new byte[][] {bytes("2"), null, null},
      "putAll", new byte[][] {bytes("2"), bytes("3"), null},
      "putAllLogged", new byte[][] {bytes("2"), bytes("3"), bytes("4")},
      "delete", new byte[][] {null, bytes("3"), bytes("4")},
      "deleteAll", new byte[][] {null, null, bytes("4")},
      "deleteAllUnlogged", new byte[][] {null, null, null});

  @TempDir
  Path dir;

  private final ExecutorService taskThread = Executors.newSingleThreadExecutor();
  private RocksDbContainerResources resources;
  private RocksDbStore engine;
  private KafkaProducer<byte[], byte[]> producer;
  private SnapshotGate gate;
  private LoggedStore store;

  @BeforeEach
  void open(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("gate");
    kafka.client().createTopic(topic, 1);
    resources = new RocksDbContainerResources(16L * 1024 * 1024, new SimpleMeterRegistry(), "job", "c1");
    engine = RocksDbStore.open("s", "Partition 0", dir.resolve("s"), RocksDbSettings.fromConfig("s", Config.of(Map.of())),
        resources);
    producer = kafka.client().producer(new ByteArraySerializer(), new ByteArraySerializer(), Map.of());
    gate = new SnapshotGate();
    store = new LoggedStore(engine, new ChangelogSender(producer), new TopicPartition(topic, 0),
        new TaskName("Partition 0"), gate, false);
    store.put(bytes("a"), bytes("1"));
  }

  @AfterEach
  void close() {
    gate.open();
    taskThread.shutdownNow();
    engine.close(); // idempotent when the test closed the logged store
    producer.close();
    resources.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyMethodOfTheStoreIsClassified() {
    Set<String> methods = Arrays.stream(BytesStore.class.getMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()))
        .map(Method::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> unclassified = new TreeSet<>(methods);
    unclassified.removeAll(GATED);
    unclassified.removeAll(NOT_GATED);
    assertEquals(Set.of(), unclassified, "methods of BytesStore neither gated nor known not to write the engine");
    Set<String> overridden = Arrays.stream(LoggedStore.class.getDeclaredMethods()).map(Method::getName)
        .collect(Collectors.toSet());
    assertTrue(overridden.containsAll(GATED), "LoggedStore itself gates every engine write, none is inherited: "
        + GATED.stream().filter(m -> !overridden.contains(m)).toList());
  }

  @Test
  void everyEngineWriteWaitsForThePendingSnapshot() throws Exception {
    Map<String, Consumer<LoggedStore>> writes = Map.of(
        "put", s -> s.put(bytes("b"), bytes("2")),
        "putAll", s -> s.putAll(List.of(new Entry<>(bytes("c"), bytes("3")))),
        "putAllLogged", s -> s.putAllLogged(List.of(new Entry<>(bytes("d"), bytes("4")))),
        "delete", s -> s.delete(bytes("b")),
        "deleteAll", s -> s.deleteAll(List.of(bytes("c"))),
        "deleteAllUnlogged", s -> s.deleteAllUnlogged(List.of(bytes("d"))),
        "flush", LoggedStore::flush,
        "close", LoggedStore::close);
    assertEquals(GATED, writes.keySet(), "a case for every gated call");
    // In this order, so each delete finds its key and close comes last.
    for (String name : List.of("put", "putAll", "putAllLogged", "delete", "deleteAll", "deleteAllUnlogged", "flush",
        "close")) {
      byte[][] before = {engine.get(bytes("b")), engine.get(bytes("c")), engine.get(bytes("d"))};
      gate.shut();
      Future<?> call = taskThread.submit(() -> writes.get(name).accept(store));
      assertThrows(TimeoutException.class, () -> call.get(WAIT_MS, TimeUnit.MILLISECONDS),
          name + " waits while the snapshot is pending");
      if (!name.equals("close")) {
        assertArrayEquals(before, new byte[][] {engine.get(bytes("b")), engine.get(bytes("c")), engine.get(bytes("d"))},
            name + " left the engine as it was while waiting");
      }
      gate.open();
      call.get(30, TimeUnit.SECONDS);
      if (AFTER.containsKey(name)) {
        assertArrayEquals(AFTER.get(name), new byte[][] {engine.get(bytes("b")), engine.get(bytes("c")),
            engine.get(bytes("d"))}, name + " reached the engine once the snapshot was taken");
      }
    }
  }

  @Test
  void readsTheChangelogOnlySendAndTheSnapshotNeverWait() throws Exception {
    gate.shut();
    Future<?> calls = taskThread.submit(() -> {
      assertArrayEquals(bytes("1"), store.get(bytes("a")));
      assertEquals(1, store.getAll(List.of(bytes("a"))).size());
      try (var it = store.range(bytes("a"), bytes("z"))) {
        assertTrue(it.hasNext());
      }
      try (var it = store.all()) {
        assertTrue(it.hasNext());
      }
      store.logAll(List.of(new Entry<>(bytes("e"), bytes("5"))));
      store.checkpoint(dir.resolve("snapshot"));
      store.approximateKeyCount();
      store.approximateSizeBytes();
    });
    calls.get(30, TimeUnit.SECONDS);
    assertNull(engine.get(bytes("e")), "logAll sends to the changelog only");
  }
}
