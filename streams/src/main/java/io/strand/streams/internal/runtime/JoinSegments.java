package io.strand.streams.internal.runtime;

import io.strand.storage.kv.LocalDeletes;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The time segments of one side's join buffer ({@link StreamJoinOp}): which keys hold records in
 * which segment, so that expiry finds the records to delete without an index entry per record.
 *
 * <p>Event time is cut into segments of {@link #segmentMs} ms starting at multiples of it. The
 * segment index holds one entry per segment and key with a buffered record in it,
 * {@code ['g'][segment start, 8][key length, 4][key]}, written with the first such record: its
 * value is that record's {@code [t, 8][seq, 8]} while it is the only one, empty once there may be
 * more (then expiry reads the key's records of the segment; otherwise it deletes the one record
 * without reading, which is what a sparse key, one record per segment, costs). A segment is
 * dropped, its records and index entries deleted, once the watermark has expired every record
 * it can hold; until then its expired records stay in the buffer. That is harmless to the join: a
 * record the watermark expired is older than every record an on-time record of the other side can
 * meet (see {@link StreamJoinOp}). The records and index entries of a dropped segment are
 * deleted below the changelog ({@link LocalDeletes}), in one bulk call: the buffer's changelog
 * has time retention ({@code cleanup.policy=compact,delete}, see the streams planner), so it
 * forgets them by itself, as Kafka Streams' window store changelogs do when a segment's RocksDB
 * instance is dropped. Each buffered record then costs one logged write and one local delete,
 * plus one logged write per segment and key (a second for a key's second record in a segment).
 * A restore brings back what the changelog still holds of dropped segments; the buffer's owner
 * indexes every restored record at init, so the first drop deletes them again.
 *
 * <p>Which entries were written in this run, and whether each names its only record, is
 * remembered per segment, up to {@value #REMEMBERED} entries. A segment is <em>known</em> when
 * every entry of it is remembered: it began after every segment written before this run (the
 * store's high-water mark {@code 'h'}, the newest segment start ever indexed, written before that
 * segment's first entry) and no entry of it was forgotten for lack of room. A key's first record
 * in a known segment writes the entry with the record's time and number; in any other segment,
 * where an entry may exist unremembered, it writes an empty one, which is always correct.
 *
 * <p>Threading: the task's thread only.
 */
final class JoinSegments {

  static final byte INDEX = 'g';
  /** Segment index entries remembered as written, at most. */
  static final int REMEMBERED = 1 << 18;
  /** Keys deleted in one call at most when a segment is dropped. */
  private static final int DELETE_BATCH = 4096;
  private static final byte[] NOTHING = new byte[0];
  private static final byte[] HIGH_KEY = {'h'};

  private final KeyValueStore<byte[], byte[]> store;
  /** The store's deletes below its changelog, or null when it has none (then deletes are logged). */
  private final LocalDeletes<byte[]> local;
  private final long segmentMs;
  /** Segment start to the index entries written in this run, each to whether it names its only record. */
  private final Map<Long, Segment> written = new HashMap<>();
  /** The segment of the last {@link #add}, or null: consecutive records mostly share one. */
  private Segment last;
  private int remembered;
  /** The newest segment start indexed, as stored ({@code 'h'}). */
  private long high;
  /** Segments after this one began in this run. */
  private final long highAtStart;
  /** No segment before this one holds records, so a watermark that drops nothing older skips the scan. */
  private long oldestSegment = Long.MIN_VALUE;

  /**
   * @param store the side's buffer
   * @param lifetimeMs how long after its event time a record stays buffered: look-ahead plus grace, ms
   */
  JoinSegments(KeyValueStore<byte[], byte[]> store, long lifetimeMs) {
    this.store = store;
    this.local = localDeletes(store);
    this.segmentMs = segmentMs(lifetimeMs);
    byte[] stored = store.get(HIGH_KEY);
    this.high = stored == null ? Long.MIN_VALUE : ByteBuffer.wrap(stored).getLong();
    this.highAtStart = high;
  }

  @SuppressWarnings("unchecked")
  private static LocalDeletes<byte[]> localDeletes(KeyValueStore<byte[], byte[]> store) {
    return store instanceof LocalDeletes<?> l ? (LocalDeletes<byte[]>) l : null;
  }

  /** The entries of one segment written in this run, by key. */
  private static final class Segment {
    final long start;
    final Map<KeyBytes, Boolean> single = new HashMap<>();
    boolean known;

    Segment(long start) {
      this.start = start;
    }
  }

  /**
   * A serialized key as a map key, hashed once by content with FNV-1a: {@code Arrays.hashCode}'s
   * (and {@code ByteBuffer}'s) base-31 polynomial maps the big-endian bytes of small numbers to a
   * narrow range (10,000 long keys to ~1,500 values), so the map's bins grew to chains that a
   * profile of the join showed as most of {@link #add}.
   */
  private record KeyBytes(byte[] bytes, int hash) {
    static KeyBytes of(byte[] bytes) {
      long h = 0xcbf29ce484222325L;
      for (byte b : bytes) {
        h = (h ^ (b & 0xff)) * 0x100000001b3L;
      }
      return new KeyBytes(bytes, (int) (h ^ (h >>> 32)));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof KeyBytes k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
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
   * Notes that a record is being buffered (before or after its own write: both go down before the
   * next read).
   *
   * @param key the serialized key
   * @param time the record's event time, ms
   * @param seq the record's sequence number
   */
  void add(byte[] key, long time, long seq) {
    long start = segmentOf(time);
    Segment segment = last != null && last.start == start ? last : written.get(start);
    if (segment == null) {
      segment = new Segment(start);
      segment.known = start > highAtStart;
      written.put(start, segment);
      if (start > high) {
        high = start;
        store.put(HIGH_KEY, ByteBuffer.allocate(8).putLong(start).array());
      }
    }
    last = segment;
    KeyBytes k = KeyBytes.of(key);
    Boolean single = segment.single.get(k);
    if (single == null) {
      boolean only = segment.known;
      store.put(indexKey(start, key), only ? ByteBuffer.allocate(16).putLong(time).putLong(seq).array() : NOTHING);
      if (remembered < REMEMBERED) {
        segment.single.put(k, only);
        remembered++;
      } else {
        segment.known = false;
      }
    } else if (single) {
      store.put(indexKey(start, key), NOTHING); // a second record: expiry reads the key's records of the segment
      segment.single.put(k, false);
    }
    oldestSegment = Math.min(oldestSegment, start);
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
    List<Entry<byte[], byte[]>> entries = new ArrayList<>();
    byte[] upper = limit == Long.MAX_VALUE ? new byte[] {INDEX + 1} : bound(limit);
    // From the oldest live segment: the entries dropped before lie there as tombstones a seek would walk.
    try (KeyValueIterator<byte[], byte[]> it = store.range(bound(oldestSegment), upper)) {
      while (it.hasNext()) {
        entries.add(it.next());
      }
    }
    // Deleted below the changelog when the store can (its changelog forgets them by time
    // retention), in chunks: no tombstone per record, and no cache slot for records evicted long ago.
    List<byte[]> deletes = new ArrayList<>();
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
      if (deletes.size() >= DELETE_BATCH) {
        delete(deletes);
        deletes = new ArrayList<>();
      }
    }
    if (!deletes.isEmpty()) {
      delete(deletes);
    }
    for (Iterator<Map.Entry<Long, Segment>> it = written.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Segment> e = it.next();
      if (e.getKey() < limit) {
        remembered -= e.getValue().single.size();
        if (e.getValue() == last) {
          last = null;
        }
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

  private void delete(List<byte[]> keys) {
    if (local != null) {
      local.deleteLocally(keys);
    } else {
      store.deleteAll(keys);
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
