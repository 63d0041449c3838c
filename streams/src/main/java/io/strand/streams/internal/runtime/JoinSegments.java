package io.strand.streams.internal.runtime;

import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The time segments of one side's join buffer ({@link StreamJoinOp}): which keys hold records in
 * which segment, so that expiry finds the records to delete without an index entry per record.
 *
 * <p>Event time is cut into segments of {@link #segmentMs} ms starting at multiples of it. The
 * segment index holds one entry per segment and key with a buffered record in it,
 * {@code ['g'][segment start, 8][key length, 4][key]} to an empty value, written with the first
 * such record (after a restart, again with the first one: a put of an existing entry changes
 * nothing). A segment is dropped, its records and index entries deleted, once the watermark has
 * expired every record it can hold; until then its expired records stay in the buffer. That is
 * harmless to the join: a record the watermark expired is older than every record an on-time
 * record of the other side can meet (see {@link StreamJoinOp}). So each buffered record costs one
 * write and one delete, plus one write and one delete per segment and key, where a per-record
 * expiry index costs two of each: a dense key (many records per segment) approaches half the
 * writes. Kafka Streams' segmented window stores are the model; they drop a segment's RocksDB
 * instance, which needs a changelog with time retention instead of deletes.
 *
 * <p>Which entries were written in this run is remembered for the newest segments, up to
 * {@value #REMEMBERED} entries (beyond that a record writes its entry again: correct, just a
 * write more), so a record whose entry exists costs no store access.
 *
 * <p>Threading: the task's thread only.
 */
final class JoinSegments {

  static final byte INDEX = 'g';
  /** Segment index entries remembered as written, at most. */
  static final int REMEMBERED = 1 << 18;
  private static final byte[] NOTHING = new byte[0];

  private final KeyValueStore<byte[], byte[]> store;
  private final long segmentMs;
  /** Segment start to the index entries written in this run. */
  private final Map<Long, Set<ByteBuffer>> written = new HashMap<>();
  private int remembered;
  /** No segment before this one holds records, so a watermark that drops nothing older skips the scan. */
  private long oldestSegment = Long.MIN_VALUE;

  /**
   * @param store the side's buffer
   * @param lifetimeMs how long after its event time a record stays buffered: look-ahead plus grace, ms
   */
  JoinSegments(KeyValueStore<byte[], byte[]> store, long lifetimeMs) {
    this.store = store;
    this.segmentMs = segmentMs(lifetimeMs);
  }

  /**
   * Segments of half a record's lifetime (as Kafka Streams' window stores), at least one second:
   * shorter ones would write an index entry for nearly every record of a sparse key.
   *
   * @param lifetimeMs look-ahead plus grace, ms
   * @return the segment length, ms
   */
  static long segmentMs(long lifetimeMs) {
    return Math.max(1_000L, lifetimeMs / 2);
  }

  /** @return the segment length, ms */
  long segmentMs() {
    return segmentMs;
  }

  /**
   * Notes that a record of {@code key} at {@code time} is being buffered.
   *
   * @param key the serialized key
   * @param time the record's event time, ms
   */
  void add(byte[] key, long time) {
    long segment = segmentOf(time);
    byte[] entry = indexKey(segment, key);
    Set<ByteBuffer> keys = written.computeIfAbsent(segment, s -> new HashSet<>());
    ByteBuffer wrapped = ByteBuffer.wrap(entry);
    if (keys.contains(wrapped)) {
      return;
    }
    store.put(entry, NOTHING);
    if (remembered < REMEMBERED) {
      keys.add(wrapped);
      remembered++;
    }
    oldestSegment = Math.min(oldestSegment, segment);
  }

  /**
   * Deletes every record of the segments that end at or before {@code expireBefore}, and their
   * index entries.
   *
   * @param expireBefore records before this event time are expired, ms; {@code Long.MAX_VALUE} for all
   */
  void dropBefore(long expireBefore) {
    long limit = expireBefore == Long.MAX_VALUE ? Long.MAX_VALUE : segmentOf(expireBefore);
    if (limit <= oldestSegment) {
      return;
    }
    List<byte[]> entries = new ArrayList<>();
    byte[] upper = limit == Long.MAX_VALUE ? new byte[] {INDEX + 1} : bound(limit);
    // From the oldest live segment: the entries dropped before lie there as tombstones a seek would walk.
    try (KeyValueIterator<byte[], byte[]> it = store.range(bound(oldestSegment), upper)) {
      while (it.hasNext()) {
        entries.add(it.next().getKey());
      }
    }
    List<byte[]> records = new ArrayList<>();
    for (byte[] entry : entries) {
      long segment = Bytes.unsortable(ByteBuffer.wrap(entry, 1, 8).getLong());
      byte[] key = new byte[entry.length - 13];
      System.arraycopy(entry, 13, key, 0, key.length);
      long end = StreamJoinOp.plus(segment, segmentMs);
      byte[] to = end == Long.MAX_VALUE ? Bytes.after(StreamJoinOp.recordPrefix(key))
          : StreamJoinOp.recordKey(key, end, Long.MIN_VALUE);
      try (KeyValueIterator<byte[], byte[]> it = store.range(StreamJoinOp.recordKey(key, segment, Long.MIN_VALUE), to)) {
        while (it.hasNext()) {
          records.add(it.next().getKey());
        }
      }
      for (byte[] record : records) {
        store.delete(record);
      }
      records.clear();
      store.delete(entry);
    }
    for (Iterator<Map.Entry<Long, Set<ByteBuffer>>> it = written.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Set<ByteBuffer>> e = it.next();
      if (e.getKey() < limit) {
        remembered -= e.getValue().size();
        it.remove();
      }
    }
    if (limit == Long.MAX_VALUE) {
      oldestSegment = Long.MAX_VALUE;
      return;
    }
    try (KeyValueIterator<byte[], byte[]> it = store.range(bound(limit), new byte[] {INDEX + 1})) {
      oldestSegment = it.hasNext() ? Bytes.unsortable(ByteBuffer.wrap(it.next().getKey(), 1, 8).getLong())
          : Long.MAX_VALUE;
    }
  }

  private long segmentOf(long time) {
    return time < Long.MIN_VALUE + segmentMs ? Long.MIN_VALUE : time - Math.floorMod(time, segmentMs);
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
