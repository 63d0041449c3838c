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
          store.put(StreamJoinOp.recordKey(key, t, seq), new byte[] {0});
          segments.add(key, t, seq++);
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

      store.put(StreamJoinOp.recordKey(A, 2_500, seq), new byte[] {0});
      segments.add(A, 2_500, seq++);
      segments.dropBefore(Long.MAX_VALUE); // the end of the inputs
      assertEquals(List.of(), times(store));
      assertEquals(2, count(store), "only the bookkeeping is left ('h', 'q'): no index entry either");
    }
  }

  @Test
  void aRestartedIndexNeverForgetsARecordBufferedBeforeTheRestart() {
    try (InMemoryStore store = new InMemoryStore("buffer", "Partition 0")) {
      JoinSegments before = new JoinSegments(store, 2_000);
      store.put(StreamJoinOp.recordKey(A, 100, 1), new byte[] {0});
      before.add(A, 100, 1); // the only record of A in [0, 1000): the entry names it
      store.put(StreamJoinOp.recordKey(B, 1_100, 2), new byte[] {0});
      before.add(B, 1_100, 2);

      JoinSegments after = new JoinSegments(store, 2_000); // a restart: nothing remembered
      store.put(StreamJoinOp.recordKey(A, 200, 3), new byte[] {0});
      after.add(A, 200, 3); // a second record of A in [0, 1000), unknown to this run
      store.put(StreamJoinOp.recordKey(A, 2_100, 4), new byte[] {0});
      after.add(A, 2_100, 4); // a segment begun after the restart

      after.dropBefore(1_000);
      assertEquals(List.of(1_100L, 2_100L), times(store), "both records of A in the dropped segment are gone");
      after.dropBefore(3_000);
      assertEquals(List.of(), times(store));
    }
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
