package io.strand.streams.internal.runtime;

import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A join buffer's records read from its store ({@link JoinBuffer}): every record in one scan (at
 * start and on the way back to memory), one key's records in a time range while the buffer has
 * fallen back to the store (past its memory bound), and whether the records left would fit in half
 * the bound again.
 *
 * <p>The way back is judged before reading anything: from the records the segment index still
 * holds and the mean size of the records added so far (key, value and
 * {@value JoinBuffer#RECORD_OVERHEAD} bytes each, and {@value JoinBuffer#KEY_OVERHEAD} more as if
 * each record had a key of its own: the keys are not known before the scan); the load then checks
 * the real sizes.
 *
 * <p>Threading: the task's thread only, as the buffer.
 */
final class JoinBufferFallback {
  private static final byte[] RECORDS_FROM = {'d'};
  private static final byte[] RECORDS_TO = {'e'};

  private final KeyValueStore<byte[], byte[]> store;
  /** Key and value bytes of every record added, and their number: the mean size the way back assumes. */
  private long addedBytes;
  private long added;

  /** @param store the side's store */
  JoinBufferFallback(KeyValueStore<byte[], byte[]> store) {
    this.store = store;
  }

  /** @return every buffered record in the store, by record key (key, then time, then arrival) */
  List<Entry<byte[], byte[]>> scan() {
    List<Entry<byte[], byte[]>> records = new ArrayList<>();
    try (KeyValueIterator<byte[], byte[]> it = store.range(RECORDS_FROM, RECORDS_TO)) {
      while (it.hasNext()) {
        records.add(it.next());
      }
    }
    return records;
  }

  /**
   * Adds the store's records of a key with event time in {@code [from, to]} to {@code out}, by
   * time then arrival (one range scan).
   *
   * @param key the serialized key
   * @param from the earliest time, ms
   * @param to the latest time, ms
   * @param out where the (record key, stored value) pairs go
   */
  void find(byte[] key, long from, long to, List<Entry<byte[], byte[]>> out) {
    byte[] upper = to == Long.MAX_VALUE ? Bytes.after(StreamJoinOp.recordPrefix(key))
        : StreamJoinOp.recordKey(key, to + 1, Long.MIN_VALUE);
    try (KeyValueIterator<byte[], byte[]> it = store.range(StreamJoinOp.recordKey(key, from, Long.MIN_VALUE), upper)) {
      while (it.hasNext()) {
        out.add(it.next());
      }
    }
  }

  /** Counts a record added to the buffer, for the mean record size. */
  void added(byte[] recordKey, byte[] stored) {
    addedBytes += recordKey.length + stored.length;
    added++;
  }

  /**
   * Whether the records left would fit in half the buffer's bounds: under half of what the
   * segment index remembers, with no segment indexed in the store, and under half the memory bound
   * at the mean record size.
   *
   * @param segments the buffer's segment index
   * @param memoryBytes the buffer's memory bound, bytes
   * @return true to read the records back into memory
   */
  boolean fitsHalf(JoinSegments segments, long memoryBytes) {
    long meanRecordBytes = (added == 0 ? 0 : addedBytes / added) + JoinBuffer.RECORD_OVERHEAD
        + JoinBuffer.KEY_OVERHEAD;
    return segments.held() < segments.rememberedAtMost() / 2 && !segments.indexesInStore()
        && (long) segments.held() * meanRecordBytes <= memoryBytes / 2;
  }
}
