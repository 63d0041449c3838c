package io.strand.streams.internal.runtime;

import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import io.strand.storage.kv.LocalDeletes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a join buffer's segment index that lives in its store ({@link JoinSegments}): past
 * {@link JoinSegments#REMEMBERED} records held in memory, a record is indexed by an entry
 * {@code ['g'][segment start, 8][key length, 4][key]} with an empty value, meaning "read this key's
 * records of the segment" (the object cache keeps repeated writes of one entry to one); an entry
 * whose value holds {@code [t, 8][seq, 8]} (written by the stored index of session 11 and before)
 * names its key's only record of the segment. A drop scans the entries from the oldest segment
 * that may hold one, never from the start (the entries dropped before lie there as RocksDB
 * tombstones until a compaction); once none is left the scan stops.
 *
 * <p>Also the drops' deletes ({@link Deletes}): below the changelog when the store can
 * ({@link LocalDeletes}; the buffer's changelog forgets its records by time retention), logged
 * otherwise.
 *
 * <p>Why a class of its own: split from {@link JoinSegments} (session 18), which holds the
 * in-memory segments; this one is all store access and rarely runs (a long window at a high rate).
 *
 * <p>Threading: the task's thread only.
 */
final class JoinStoredIndex {

  static final byte INDEX = 'g';
  /** Keys deleted in one call at most when a segment is dropped. */
  private static final int DELETE_BATCH = 4096;
  private static final byte[] NOTHING = new byte[0];

  private final KeyValueStore<byte[], byte[]> store;
  /** The store's deletes below its changelog, or null when it has none (then deletes are logged). */
  private final LocalDeletes<byte[]> local;
  private final long segmentMs;
  /** No segment before this one has an entry in the index; {@code MIN_VALUE}: not known yet. */
  private long oldestStored = Long.MIN_VALUE;

  /**
   * @param store the side's buffer
   * @param segmentMs the segment length, ms ({@link JoinSegments#segmentMs(long)})
   */
  @SuppressWarnings("unchecked")
  JoinStoredIndex(KeyValueStore<byte[], byte[]> store, long segmentMs) {
    this.store = store;
    this.local = store instanceof LocalDeletes<?> l ? (LocalDeletes<byte[]>) l : null;
    this.segmentMs = segmentMs;
  }

  /**
   * Indexes a record in the store (its key's entry for the segment).
   *
   * @param segment the record's segment start, ms
   * @param recordKey the record's key ({@link StreamJoinOp#recordKey})
   */
  void index(long segment, byte[] recordKey) {
    store.put(indexKey(segment, Bytes.userKeyOf(recordKey)), NOTHING);
    oldestStored = oldestStored == Long.MIN_VALUE ? Long.MIN_VALUE : Math.min(oldestStored, segment);
  }

  /** @return whether some segment may have entries here */
  boolean any() {
    return oldestStored != Long.MAX_VALUE;
  }

  /**
   * @param limit a segment start, ms
   * @return whether a segment before {@code limit} may have entries here
   */
  boolean mayHoldBefore(long limit) {
    return limit > oldestStored;
  }

  /** @return a new batch of deletes for one drop */
  Deletes deletes() {
    return new Deletes();
  }

  /**
   * Deletes the records the index names in segments before {@code limit}, and its entries.
   *
   * @param limit a segment start: the segments before it are dropped ({@code Long.MAX_VALUE}: all)
   * @param deletes where the keys to delete go
   */
  void drop(long limit, Deletes deletes) {
    List<Entry<byte[], byte[]>> entries = new ArrayList<>();
    byte[] upper = limit == Long.MAX_VALUE ? new byte[] {INDEX + 1} : bound(limit);
    // From the oldest segment with an entry: the entries dropped before lie there as tombstones a seek would walk.
    try (KeyValueIterator<byte[], byte[]> it = store.range(bound(oldestStored), upper)) {
      while (it.hasNext()) {
        entries.add(it.next());
      }
    }
    for (Entry<byte[], byte[]> indexed : entries) {
      byte[] entry = indexed.getKey();
      long segment = Bytes.unsortable(ByteBuffer.wrap(entry, 1, 8).getLong());
      byte[] key = new byte[entry.length - 13];
      System.arraycopy(entry, 13, key, 0, key.length);
      byte[] only = indexed.getValue();
      if (only != null && only.length == 16) {
        ByteBuffer b = ByteBuffer.wrap(only);
        deletes.add(StreamJoinOp.recordKey(key, b.getLong(), b.getLong()));
      } else {
        long end = StreamJoinOp.plus(segment, segmentMs);
        byte[] to = end == Long.MAX_VALUE ? Bytes.after(StreamJoinOp.recordPrefix(key))
            : StreamJoinOp.recordKey(key, end, Long.MIN_VALUE);
        try (KeyValueIterator<byte[], byte[]> it = store.range(StreamJoinOp.recordKey(key, segment, Long.MIN_VALUE), to)) {
          while (it.hasNext()) {
            deletes.add(it.next().getKey());
          }
        }
      }
      deletes.add(entry);
    }
    if (limit == Long.MAX_VALUE) {
      oldestStored = Long.MAX_VALUE;
      return;
    }
    deletes.flush(); // the scan below must not meet the entries just dropped
    try (KeyValueIterator<byte[], byte[]> it = store.range(bound(limit), new byte[] {INDEX + 1})) {
      oldestStored = it.hasNext() ? Bytes.unsortable(ByteBuffer.wrap(it.next().getKey(), 1, 8).getLong())
          : Long.MAX_VALUE;
    }
  }

  /**
   * Keys to delete, sent in chunks of {@value #DELETE_BATCH}: below the changelog when the store
   * can (its changelog forgets them by time retention), so no tombstone per record and no cache slot
   * for records evicted long ago.
   */
  final class Deletes {
    private List<byte[]> keys = new ArrayList<>();

    /** @param key a key to delete (a record or an index entry) */
    void add(byte[] key) {
      keys.add(key);
      if (keys.size() >= DELETE_BATCH) {
        flush();
      }
    }

    /** Sends the keys gathered. */
    void flush() {
      if (keys.isEmpty()) {
        return;
      }
      if (local != null) {
        local.deleteLocally(keys);
      } else {
        store.deleteAll(keys);
      }
      keys = new ArrayList<>();
    }
  }

  private static byte[] indexKey(long segment, byte[] key) {
    byte[] b = Bytes.keyed(INDEX, key, 8);
    // ['g'][segment][len][key]: keyed() wrote [prefix][len][key]; shift it right by the segment's 8 bytes.
    System.arraycopy(b, 1, b, 9, 4 + key.length);
    ByteBuffer.wrap(b, 1, 8).putLong(Bytes.sortable(segment));
    return b;
  }

  private static byte[] bound(long segment) {
    return ByteBuffer.allocate(9).put(INDEX).putLong(Bytes.sortable(segment)).array();
  }
}
