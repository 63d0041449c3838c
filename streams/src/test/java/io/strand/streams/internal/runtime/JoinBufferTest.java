package io.strand.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.kv.RocksDbStoreFactory;
import io.strand.kv.StoreContext;
import io.strand.kv.StoreEnvironment;
import io.strand.kv.StoreHandle;
import io.strand.kv.StoreSettings;
import io.strand.kv.rocksdb.RocksDbContainerResources;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A join side's buffer over a real RocksDB store stack (object cache, deferred puts): lookups from
 * memory, records that expire before a commit never reaching the engine, the fallback to the store
 * past the memory bound and the way back, and a restart reading the store's records back.
 */
class JoinBufferTest {

  private static final byte[] A = "a".getBytes(StandardCharsets.UTF_8);
  private static final byte[] B = "bb".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path tmp;
  private SimpleMeterRegistry registry;
  private RocksDbContainerResources resources;
  private final List<StoreHandle> handles = new ArrayList<>();

  @BeforeEach
  void setUp() {
    registry = new SimpleMeterRegistry();
    resources = new RocksDbContainerResources(64L * 1024 * 1024, registry, "job", "c0");
  }

  @AfterEach
  void tearDown() {
    handles.forEach(StoreHandle::close);
    resources.close();
  }

  private StoreHandle open() {
    Config config = Config.of(Map.of("job.name", "job", "stores.buffer.key.serde", "bytes",
        "stores.buffer.msg.serde", "bytes", "stores.buffer.object.cache.size", "16",
        "stores.buffer.write.batch.size", "16"));
    StoreHandle h = new RocksDbStoreFactory().create(new StoreContext(StoreSettings.fromConfig("buffer", config),
        new TaskName("Partition 0"), new StoreEnvironment("job", "c0", registry, resources),
        tmp.resolve("buffer"), UnaryOperator.identity()));
    handles.add(h);
    return h;
  }

  @SuppressWarnings("unchecked")
  private static KeyValueStore<byte[], byte[]> bytes(StoreHandle h) {
    return (KeyValueStore<byte[], byte[]>) (KeyValueStore<?, ?>) h.store();
  }

  @Test
  void lookupsReadMemoryAndRecordsThatExpireBeforeTheCommitNeverReachTheEngine() {
    StoreHandle h = open();
    JoinBuffer buffer = new JoinBuffer(bytes(h), 2_000, JoinBuffer.MEMORY_BYTES, JoinSegments.REMEMBERED);
    long seq = 0;
    for (long t : new long[] {500, 100, 300, 300, 1_500, 2_500}) { // out of order, two at 300
      buffer.add(StreamJoinOp.recordKey(A, t, seq++), t, new byte[] {0, (byte) t});
    }
    buffer.add(StreamJoinOp.recordKey(B, 300, seq++), 300, new byte[] {0, 9});
    assertTrue(buffer.inMemory());
    assertEquals(List.of(100L, 300L, 300L, 500L), times(buffer.find(A, 0, 999)), "by time, then arrival");
    assertEquals(List.of(2L, 3L), seqs(buffer.find(A, 300, 300)));
    assertEquals(List.of(300L), times(buffer.find(B, 0, Long.MAX_VALUE)));
    assertEquals(List.of(), buffer.find("c".getBytes(StandardCharsets.UTF_8), 0, 999));
    assertEquals(0, count(h), "nothing in the engine before a commit");

    byte[] marked = {1, 5};
    buffer.update(StreamJoinOp.recordKey(A, 300, 2), marked);
    assertEquals(1, buffer.get(StreamJoinOp.recordKey(A, 300, 2))[0], "an update is seen by later lookups");

    buffer.dropBefore(1_000); // [0, 1000) ends: A's first four records and B's go
    assertEquals(List.of(1_500L, 2_500L), times(buffer.find(A, 0, Long.MAX_VALUE)));
    assertEquals(List.of(), buffer.find(B, 0, Long.MAX_VALUE));
    assertEquals(2, buffer.heldRecords());
    h.flush(); // a commit: what is still buffered goes down
    assertEquals(List.of(1_500L, 2_500L), storedTimes(h), "only the records alive at the commit reach the engine");

    buffer.dropBefore(2_000);
    assertEquals(List.of(2_500L), storedTimes(h), "a record that went down is deleted there at its expiry");

    JoinBuffer restarted = new JoinBuffer(bytes(h), 2_000, JoinBuffer.MEMORY_BYTES, JoinSegments.REMEMBERED);
    assertTrue(restarted.inMemory());
    assertEquals(List.of(2_500L), times(restarted.find(A, 0, Long.MAX_VALUE)), "a restart reads the store back");
    assertEquals(5, restarted.segments().highestSeq(), "the record left is A's sixth (B's, seq 6, expired)");
  }

  @Test
  void theBufferHandsItsNewRecordsToTheStoreAtACommitWithTheirLatestValues() {
    StoreHandle h = open();
    KeyValueStore<byte[], byte[]> store = bytes(h);
    JoinBuffer buffer = new JoinBuffer(store, 2_000, JoinBuffer.MEMORY_BYTES, JoinSegments.REMEMBERED);
    byte[] early = StreamJoinOp.recordKey(A, 100, 0);
    byte[] late = StreamJoinOp.recordKey(A, 1_500, 1);
    buffer.add(early, 100, new byte[] {0, 1});
    buffer.add(late, 1_500, new byte[] {0, 2});
    assertNull(store.get(late), "the store knows nothing of a record the buffer holds back");
    buffer.update(late, new byte[] {1, 2}); // held back: the update stays in the buffer
    h.flush();
    assertArrayEquals(new byte[] {0, 1}, h.engine().get(early), "a commit writes the records held back");
    assertArrayEquals(new byte[] {1, 2}, h.engine().get(late), "with their latest value");

    byte[] later = StreamJoinOp.recordKey(A, 1_600, 2);
    buffer.add(later, 1_600, new byte[] {0, 3});
    buffer.update(late, new byte[] {1, 7}); // went down at the commit: an ordinary put as well
    assertArrayEquals(new byte[] {1, 7}, buffer.get(late));
    buffer.dropBefore(1_000);
    assertNull(h.engine().get(early), "a record that went down is deleted there at its expiry");
    byte[] other = StreamJoinOp.recordKey(B, 1_700, 3);
    buffer.add(other, 1_700, new byte[] {0, 4});
    List<Long> scanned = new ArrayList<>();
    try (KeyValueIterator<byte[], byte[]> it = store.range(new byte[] {'d'}, new byte[] {'e'})) {
      while (it.hasNext()) {
        scanned.add(StreamJoinOp.timeOf(it.next().getKey()));
      }
    }
    assertEquals(List.of(1_500L, 1_600L, 1_700L), scanned, "a scan of the records gets the held ones too");
    h.flush();
    assertArrayEquals(new byte[] {1, 7}, h.engine().get(late));
    buffer.dropBefore(2_000);
    assertEquals(List.of(), storedTimes(h), "every record handed over is deleted at its expiry");
    assertEquals(List.of(), buffer.find(A, 0, Long.MAX_VALUE));
  }

  @Test
  void aLookupReadsRecordsInPlaceAndItsFlagsReachTheStoreOnlyForRecordsThatWentDown() {
    StoreHandle h = open();
    JoinBuffer buffer = new JoinBuffer(bytes(h), 2_000, JoinBuffer.MEMORY_BYTES, JoinSegments.REMEMBERED);
    byte[] first = StreamJoinOp.recordKey(A, 100, 0);
    buffer.add(first, 100, new byte[] {0, 1, 2});
    h.flush(); // first goes down
    byte[] second = StreamJoinOp.recordKey(A, 200, 1);
    buffer.add(second, 200, new byte[] {0, 3, 4});
    JoinMatches met = new JoinMatches();
    buffer.find(A, 0, 999, met);
    assertEquals(2, met.size());
    assertEquals(100, met.time(0));
    assertArrayEquals(new byte[] {3, 4}, met.storedFrom(1, 1), "the value after the flag byte");
    buffer.addFlags(met, 0, (byte) 1);
    buffer.addFlags(met, 1, (byte) 1);
    assertEquals(1, buffer.get(first)[0], "set in place");
    assertEquals(1, buffer.get(second)[0]);
    assertNull(h.engine().get(second), "a held record's flag stays in memory until the hand-over");
    h.flush();
    assertArrayEquals(new byte[] {1, 1, 2}, h.engine().get(first), "a record that went down gets a put");
    assertArrayEquals(new byte[] {1, 3, 4}, h.engine().get(second), "the hand-over gives the flagged value");
    byte[] third = StreamJoinOp.recordKey(B, 300, 2);
    buffer.add(third, 300, new byte[] {0, 5});
    h.flush(); // the second hand-over starts where the first stopped: only the third record is new
    assertArrayEquals(new byte[] {0, 5}, h.engine().get(third));
    assertEquals(List.of(100L, 200L, 300L), storedTimes(h));
  }

  @Test
  void pastTheMemoryBoundTheBufferFallsBackToTheStoreAndComesBack() {
    StoreHandle h = open();
    // Room for eight records of this size (record key 22 bytes, value 2) of one key in memory; the
    // way back counts a key per record (216 + 56 each), so one record left fits in half the bound.
    long bound = JoinBuffer.KEY_OVERHEAD + 8L * (22 + 2 + JoinBuffer.RECORD_OVERHEAD);
    JoinBuffer buffer = new JoinBuffer(bytes(h), 2_000, bound, JoinSegments.REMEMBERED);
    long seq = 0;
    List<Long> expected = new ArrayList<>();
    for (long t = 0; t < 2_000; t += 200) { // ten records over two segments
      buffer.add(StreamJoinOp.recordKey(A, t, seq++), t, new byte[] {0, 1});
      expected.add(t);
      assertEquals(expected, times(buffer.find(A, 0, Long.MAX_VALUE)), "the same records in either place");
    }
    assertFalse(buffer.inMemory(), "past the bound");
    assertEquals(List.of(400L, 600L), times(buffer.find(A, 400, 600)));
    buffer.dropBefore(1_000); // leaves five of the ten: still more than half the bound
    assertFalse(buffer.inMemory());
    buffer.add(StreamJoinOp.recordKey(A, 2_100, seq++), 2_100, new byte[] {0, 1});
    buffer.dropBefore(2_000); // leaves one
    assertTrue(buffer.inMemory(), "back in memory once the records left fit in half the bound");
    assertEquals(List.of(2_100L), times(buffer.find(A, 0, Long.MAX_VALUE)));
    buffer.add(StreamJoinOp.recordKey(A, 2_200, seq++), 2_200, new byte[] {0, 1});
    assertEquals(List.of(2_100L, 2_200L), times(buffer.find(A, 0, Long.MAX_VALUE)));
    h.flush();
    assertEquals(List.of(2_100L, 2_200L), storedTimes(h));
  }

  private static List<Long> times(List<Entry<byte[], byte[]>> entries) {
    List<Long> times = new ArrayList<>();
    entries.forEach(e -> times.add(StreamJoinOp.timeOf(e.getKey())));
    return times;
  }

  private static List<Long> seqs(List<Entry<byte[], byte[]>> entries) {
    List<Long> seqs = new ArrayList<>();
    entries.forEach(e -> seqs.add(Bytes.unsortable(java.nio.ByteBuffer.wrap(e.getKey(), e.getKey().length - 8, 8)
        .getLong())));
    return seqs;
  }

  private static List<Long> storedTimes(StoreHandle h) {
    List<Long> times = new ArrayList<>();
    try (KeyValueIterator<byte[], byte[]> it = h.engine().range(new byte[] {'d'}, new byte[] {'e'})) {
      while (it.hasNext()) {
        times.add(StreamJoinOp.timeOf(it.next().getKey()));
      }
    }
    return times;
  }

  private static int count(StoreHandle h) {
    return storedTimes(h).size();
  }
}
