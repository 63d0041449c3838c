package io.strand.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.kv.inmemory.InMemoryStore;
import io.strand.storage.kv.KeyValueIterator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The segment index of a join buffer: which records a watermark's expiry deletes, on a real in-memory store. */
class JoinSegmentsTest {

  private static final byte[] A = "a".getBytes(StandardCharsets.UTF_8);
  private static final byte[] B = "bb".getBytes(StandardCharsets.UTF_8);

  @Test
  void segmentsAreHalfTheLifetimeAndAtLeastASecond() {
    assertEquals(1_000, JoinSegments.segmentMs(1_050));
    assertEquals(30_000, JoinSegments.segmentMs(60_000));
  }

  @Test
  void aSegmentIsDroppedWithAllItsRecordsOnlyOnceTheExpiryPassedItsEnd() {
    try (InMemoryStore store = new InMemoryStore("buffer", "Partition 0")) {
      JoinSegments segments = new JoinSegments(store, 2_000); // segments of 1,000 ms
      long seq = 0;
      for (long t : new long[] {-1, 0, 500, 999, 1_000, 1_999, 2_000}) {
        for (byte[] key : new byte[][] {A, B}) {
          byte[] recordKey = StreamJoinOp.recordKey(key, t, seq++);
          store.put(recordKey, new byte[] {0});
          segments.add(recordKey, t);
        }
      }
      store.put(new byte[] {'q'}, new byte[8]); // bookkeeping outside the index stays
      assertEquals(List.of(-1L, -1L, 0L, 0L, 500L, 500L, 999L, 999L, 1_000L, 1_000L, 1_999L, 1_999L, 2_000L, 2_000L),
          times(store));

      segments.dropBefore(999); // expires records before 999: no segment has ended, only [-1000, 0)
      assertEquals(List.of(0L, 0L, 500L, 500L, 999L, 999L, 1_000L, 1_000L, 1_999L, 1_999L, 2_000L, 2_000L),
          times(store));
      segments.dropBefore(1_000); // [0, 1000) has ended
      assertEquals(List.of(1_000L, 1_000L, 1_999L, 1_999L, 2_000L, 2_000L), times(store));
      segments.dropBefore(1_500);
      assertEquals(List.of(1_000L, 1_000L, 1_999L, 1_999L, 2_000L, 2_000L), times(store));

      put(store, segments, A, 2_500, seq);
      segments.dropBefore(Long.MAX_VALUE); // the end of the inputs
      assertEquals(List.of(), times(store));
      assertEquals(1, count(store), "only the bookkeeping is left ('q'): no index entry either");
    }
  }

  @Test
  void aRestartedIndexNeverForgetsARecordBufferedBeforeTheRestart() {
    try (InMemoryStore store = new InMemoryStore("buffer", "Partition 0")) {
      JoinSegments before = new JoinSegments(store, 2_000);
      put(store, before, A, 100, 1);
      put(store, before, B, 1_100, 2);

      JoinSegments after = new JoinSegments(store, 2_000); // a restart: indexes what the buffer holds
      assertEquals(2, after.highestSeq());
      put(store, after, A, 200, 3); // a second record of A in [0, 1000)
      put(store, after, A, 2_100, 4); // a segment begun after the restart

      after.dropBefore(1_000);
      assertEquals(List.of(1_100L, 2_100L), times(store), "both records of A in the dropped segment are gone");
      after.dropBefore(3_000);
      assertEquals(List.of(), times(store));
    }
  }

  @Test
  void recordsBeyondWhatMemoryHoldsAreIndexedInTheStoreAndDroppedAsWell() {
    try (InMemoryStore store = new InMemoryStore("buffer", "Partition 0")) {
      JoinSegments segments = new JoinSegments(store, 2_000, 3); // holds 3 records in memory
      long seq = 0;
      for (long t : new long[] {100, 200, 300, 400, 1_100, 1_200, 2_100}) {
        put(store, segments, A, t, seq++);
        put(store, segments, B, t + 1, seq++);
      }
      assertEquals(14, times(store).size());
      assertEquals(List.of(0L, 1_000L, 2_000L), indexedSegments(store), "the records past the third, by key and segment");

      segments.dropBefore(1_000);
      assertEquals(List.of(1_100L, 1_101L, 1_200L, 1_201L, 2_100L, 2_101L), times(store));
      assertEquals(List.of(1_000L, 2_000L), indexedSegments(store));
      segments.dropBefore(Long.MAX_VALUE);
      assertEquals(List.of(), times(store));
      assertEquals(0, count(store), "no index entry is left");
    }
  }

  @Test
  void aBufferIndexedInTheStoreByAnEarlierVersionIsDroppedByItsEntries() {
    try (InMemoryStore store = new InMemoryStore("buffer", "Partition 0")) {
      // As the stored index wrote them: a key's only record named by [t][seq], or "read the key's records".
      store.put(StreamJoinOp.recordKey(A, 100, 1), new byte[] {0});
      store.put(storedEntry(0, A), java.nio.ByteBuffer.allocate(16).putLong(100).putLong(1).array());
      store.put(StreamJoinOp.recordKey(B, 200, 2), new byte[] {0});
      store.put(StreamJoinOp.recordKey(B, 300, 3), new byte[] {0});
      store.put(storedEntry(0, B), new byte[0]);
      store.put(new byte[] {'h'}, java.nio.ByteBuffer.allocate(8).putLong(0).array());
      JoinSegments segments = new JoinSegments(store, 2_000);
      assertEquals(3, segments.highestSeq());
      put(store, segments, A, 1_500, 4);

      segments.dropBefore(1_000);
      assertEquals(List.of(1_500L), times(store));
      assertEquals(List.of(), indexedSegments(store));
    }
  }

  private static byte[] storedEntry(long segment, byte[] key) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(13 + key.length).put(JoinStoredIndex.INDEX)
        .putLong(Bytes.sortable(segment)).putInt(key.length).put(key);
    return b.array();
  }

  private static List<Long> indexedSegments(InMemoryStore store) {
    List<Long> starts = new ArrayList<>();
    try (KeyValueIterator<byte[], byte[]> it = store.range(new byte[] {JoinStoredIndex.INDEX}, new byte[] {JoinStoredIndex.INDEX + 1})) {
      while (it.hasNext()) {
        long start = Bytes.unsortable(java.nio.ByteBuffer.wrap(it.next().getKey(), 1, 8).getLong());
        if (starts.isEmpty() || starts.get(starts.size() - 1) != start) {
          starts.add(start);
        }
      }
    }
    return starts;
  }

  private static void put(InMemoryStore store, JoinSegments segments, byte[] key, long time, long seq) {
    byte[] recordKey = StreamJoinOp.recordKey(key, time, seq);
    store.put(recordKey, new byte[] {0});
    segments.add(recordKey, time);
  }

  private static List<Long> times(InMemoryStore store) {
    List<Long> times = new ArrayList<>();
    try (KeyValueIterator<byte[], byte[]> it = store.range(new byte[] {'d'}, new byte[] {'e'})) {
      while (it.hasNext()) {
        times.add(StreamJoinOp.timeOf(it.next().getKey()));
      }
    }
    times.sort(null);
    return times;
  }

  private static int count(InMemoryStore store) {
    int n = 0;
    try (KeyValueIterator<byte[], byte[]> it = store.all()) {
      for (; it.hasNext(); it.next()) {
        n++;
      }
    }
    return n;
  }
}
