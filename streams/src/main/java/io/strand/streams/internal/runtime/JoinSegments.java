package io.strand.streams.internal.runtime;

import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import io.strand.storage.kv.LocalDeletes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The time segments of one side's join buffer ({@link StreamJoinOp}): which records lie in which
 * segment, so that expiry deletes them without reading the buffer.
 *
 * <p>Event time is cut into segments of {@link #segmentMs} ms starting at multiples of it. A
 * segment is dropped, its records deleted, once the watermark has expired every record it can hold;
 * until then its expired records stay in the buffer. That is harmless to the join: a record the
 * watermark expired is older than every record an on-time record of the other side can meet (see
 * {@link StreamJoinOp}). The records of a dropped segment are deleted below the changelog
 * ({@link LocalDeletes}), in bulk calls: the buffer's changelog has time retention
 * ({@code cleanup.policy=compact,delete}, see the streams planner), so it forgets them by itself, as
 * Kafka Streams' window store changelogs do when a segment's RocksDB instance is dropped. A record
 * that went down at a commit thus costs one logged write and one local delete; one whose deferred
 * put never went down ({@link JoinBuffer}) costs neither.
 *
 * <p>The index is held in memory: each segment's records, in arrival order, up to
 * {@value #REMEMBERED} records, in the segment's slab ({@link JoinSlab}): the record key and, while
 * the buffer holds its records in memory, the stored value, which the buffer reads there. A drop
 * lets go of a segment's slab with one reference. It is not stored: the buffer rebuilds it from its
 * records (those a restore brought back included, even of segments dropped before the restart
 * whose changelog records time retention has not yet removed), so the first drop deletes every
 * expired one. Why in memory: the stored index this replaced wrote an entry per key and segment
 * ({@code ['g'][segment start, 8][key length, 4][key]}), rewritten at a key's second record, kept
 * a hash map of the entries written, and read a key's records back at expiry; that was 13-14 % of
 * the join's task thread (JFR, session 11) plus a fifth more cache slots, changelog records and
 * engine writes. A record held here costs its entry's bytes in the slab.
 *
 * <p>Beyond {@value #REMEMBERED} records held (a long window at a high rate), a record is indexed
 * in the store instead ({@link JoinStoredIndex}, which also sends the drops' deletes).
 *
 * <p>Threading: the task's thread only.
 */
final class JoinSegments {

  /** Records held in memory at most, over all segments; more are indexed in the store. */
  static final int REMEMBERED = 1 << 18;
  /** A big-endian view of byte arrays: record keys' numbers are read in place, without a ByteBuffer. */
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** The entries of the records beyond {@link #rememberedAtMost}, in the store, and the drops' deletes. */
  private final JoinStoredIndex stored;
  private final long segmentMs;
  /** Segment start to its records held in memory. */
  private final TreeMap<Long, Segment> segments = new TreeMap<>();
  /** The segment of the last {@link #add}, or null: consecutive records mostly share one. */
  private Segment last;
  private int remembered;
  private final int rememberedAtMost;
  /**
   * Records with a sequence number at or above this one are held by the buffer, not yet handed to
   * the store ({@link JoinBuffer}): a drop deletes nothing of them. {@code MAX_VALUE}: none is.
   * The one owner of this bound: the buffer asks here ({@link #isHeld}).
   */
  private long heldFromSeq = Long.MAX_VALUE;
  /** The highest sequence number of the records indexed, -1 if none. */
  private long highestSeq = -1;

  /**
   * Indexes every record the buffer holds (one scan of its records).
   *
   * @param store the side's buffer
   * @param lifetimeMs how long after its event time a record stays buffered: look-ahead plus grace, ms
   */
  JoinSegments(KeyValueStore<byte[], byte[]> store, long lifetimeMs) {
    this(store, lifetimeMs, REMEMBERED);
  }

  /**
   * @param store the side's buffer
   * @param lifetimeMs how long after its event time a record stays buffered: look-ahead plus grace, ms
   * @param rememberedAtMost records held in memory at most (tests set a low one)
   */
  JoinSegments(KeyValueStore<byte[], byte[]> store, long lifetimeMs, int rememberedAtMost) {
    this(store, lifetimeMs, rememberedAtMost, recordKeys(store));
  }

  /**
   * @param store the side's buffer
   * @param lifetimeMs how long after its event time a record stays buffered: look-ahead plus grace, ms
   * @param rememberedAtMost records held in memory at most (tests set a low one)
   * @param records the keys of every record the buffer holds, in store order (the caller scanned them)
   */
  JoinSegments(KeyValueStore<byte[], byte[]> store, long lifetimeMs, int rememberedAtMost, List<byte[]> records) {
    this.rememberedAtMost = rememberedAtMost;
    this.segmentMs = segmentMs(lifetimeMs);
    this.stored = new JoinStoredIndex(store, segmentMs);
    for (byte[] k : records) {
      add(k, StreamJoinOp.timeOf(k));
    }
  }

  private static List<byte[]> recordKeys(KeyValueStore<byte[], byte[]> store) {
    List<byte[]> records = new ArrayList<>();
    try (KeyValueIterator<byte[], byte[]> it = store.range(new byte[] {'d'}, new byte[] {'e'})) {
      while (it.hasNext()) {
        records.add(it.next().getKey());
      }
    }
    return records;
  }

  /**
   * Notes a record that the buffer holds and the store does not ({@link JoinBuffer} hands such
   * records over at a commit): a drop deletes none of them below, since nothing below has them.
   * Sequence numbers rise in arrival order, so the first such record since the last
   * {@link #handedOver} starts the held range.
   *
   * @param recordKey the record's key
   */
  void held(byte[] recordKey) {
    if (heldFromSeq == Long.MAX_VALUE) {
      heldFromSeq = seqOf(recordKey);
    }
  }

  /**
   * @param recordKey a buffered record's key
   * @return whether the store lacks the record (it is held by the buffer, not yet handed over)
   */
  boolean isHeld(byte[] recordKey) {
    return isHeldSeq(seqOf(recordKey));
  }

  /**
   * @param seq a buffered record's sequence number
   * @return whether the store lacks the record (it is held by the buffer, not yet handed over)
   */
  boolean isHeldSeq(long seq) {
    return heldFromSeq != Long.MAX_VALUE && seq >= heldFromSeq;
  }

  /**
   * Hands every record the store lacks to {@code put} (copies of its record key and stored value),
   * in arrival order per segment; the store holds every record from here on.
   *
   * <p>Why by segment: such records are the newest ones, so they lie at the end of their segments'
   * slabs, after the point the last hand-over reached ({@link Segment#markChunk}); the walk reads
   * only them, in memory order. A walk over the buffer's keys (before session 18) read every
   * record held at each commit, each a likely cache miss, for the few new ones (5 % of the join's
   * task thread in session 18's profile).
   *
   * @param put takes a record the store lacks: (record key, stored value), both fresh copies
   */
  void handOver(java.util.function.BiConsumer<byte[], byte[]> put) {
    long from = heldFromSeq;
    if (from == Long.MAX_VALUE) {
      return;
    }
    for (Segment segment : segments.values()) {
      JoinSlab slab = segment.slab;
      for (int c = segment.markChunk; c < slab.chunkCount(); c++) {
        byte[] chunk = slab.chunk(c);
        for (int at = c == segment.markChunk ? segment.markAt : 0, end = slab.used(c); at < end;
            at = JoinSlab.next(chunk, at)) {
          // Records a load appended (restored ones) lie after the mark too, below the held range.
          if (JoinSlab.storedLength(chunk, at) >= 0 && JoinSlab.seqOf(chunk, at) >= from) {
            put.accept(JoinSlab.recordKey(chunk, at), JoinSlab.stored(chunk, at));
          }
        }
      }
      segment.mark();
    }
    heldFromSeq = Long.MAX_VALUE;
  }

  /** @return the records held in memory */
  int held() {
    return remembered;
  }

  /** @return the most records held in memory */
  int rememberedAtMost() {
    return rememberedAtMost;
  }

  /** @return whether some segment may have records indexed in the store (beyond those held) */
  boolean indexesInStore() {
    return stored.any();
  }

  /** Told of each record held in memory that a drop deletes. */
  interface Dropped {
    /**
     * @param chunk the array of the record's entry in its segment's slab ({@link JoinSlab})
     * @param at the entry's offset there
     * @param limit the drop's limit: every record of the key before this event time is dropped too, ms
     */
    void dropped(byte[] chunk, int at, long limit);
  }

  /** One segment's records held in memory, in arrival order, in its slab: dropped with one reference. */
  private static final class Segment {
    final long start;
    final JoinSlab slab;
    /** Where the last {@link #handOver} stopped: every record held after it lies at or after this array and offset. */
    int markChunk;
    int markAt;

    Segment(long start, long firstChunk) {
      this.start = start;
      this.slab = new JoinSlab(firstChunk);
    }

    void mark() {
      int chunks = slab.chunkCount();
      markChunk = Math.max(0, chunks - 1);
      markAt = chunks == 0 ? 0 : slab.used(chunks - 1);
    }
  }

  /**
   * Segments of half a record's lifetime (as Kafka Streams' window stores), at least one second.
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

  /** @return the highest sequence number of the records indexed so far (at construction: those the buffer held), -1 if none */
  long highestSeq() {
    return highestSeq;
  }

  /**
   * Notes that a record is being buffered (before or after its own write: both go down before the
   * next read), its key only.
   *
   * @param recordKey the record's key in the buffer ({@link StreamJoinOp#recordKey}); copied
   * @param time the record's event time, ms
   */
  void add(byte[] recordKey, long time) {
    add(recordKey, time, null);
  }

  /**
   * Notes that a record is being buffered, and holds its bytes in its segment's slab
   * ({@link JoinSlab}) for the buffer to read.
   *
   * @param recordKey the record's key in the buffer ({@link StreamJoinOp#recordKey}); copied
   * @param time the record's event time, ms
   * @param stored its stored value, copied; null to hold the key only
   * @return the entry's offset in {@link #lastChunk}, or -1 if the record was indexed in the store
   *     (past {@link #rememberedAtMost}): then nothing holds its bytes here
   */
  int add(byte[] recordKey, long time, byte[] stored) {
    highestSeq = Math.max(highestSeq, seqOf(recordKey));
    long start = segmentOf(time);
    if (remembered >= rememberedAtMost) {
      this.stored.index(start, recordKey);
      return -1;
    }
    Segment segment = last;
    if (segment == null || segment.start != start) {
      segment = segments.get(start);
      if (segment == null) {
        // Sized as the last segment written: a full slab at a high rate, a small one at a low rate.
        segment = new Segment(start, last == null ? 0 : last.slab.bytes());
        segments.put(start, segment);
      }
      last = segment;
    }
    remembered++;
    return segment.slab.append(recordKey, stored);
  }

  /** @return the array the last {@link #add} that held a record wrote its entry to */
  byte[] lastChunk() {
    return last.slab.lastChunk();
  }

  /**
   * Forgets the records held in memory (not those indexed in the store), for the buffer to add
   * them again from one scan of its store, with their values (the way back from the store).
   */
  void forgetHeld() {
    segments.clear();
    last = null;
    remembered = 0;
  }

  /**
   * Deletes every record of the segments that end at or before {@code expireBefore}.
   *
   * @param expireBefore records before this event time are expired, ms; {@code Long.MAX_VALUE} for all
   */
  void dropBefore(long expireBefore) {
    dropBefore(expireBefore, null);
  }

  /**
   * Deletes every record of the segments that end at or before {@code expireBefore}, telling
   * {@code dropped} of each one held in memory.
   *
   * @param expireBefore records before this event time are expired, ms; {@code Long.MAX_VALUE} for all
   * @param dropped told of each record held in memory that is deleted, or null
   */
  void dropBefore(long expireBefore, Dropped dropped) {
    long limit = expireBefore == Long.MAX_VALUE ? Long.MAX_VALUE : segmentOf(expireBefore);
    if (!stored.mayHoldBefore(limit) && (segments.isEmpty() || segments.firstKey() >= limit)) {
      return; // most watermarks: nothing has ended since the last drop
    }
    JoinStoredIndex.Deletes deletes = stored.deletes();
    for (Iterator<Map.Entry<Long, Segment>> it = segments.headMap(limit, false).entrySet().iterator(); it.hasNext(); ) {
      Segment segment = it.next().getValue();
      JoinSlab slab = segment.slab;
      for (int c = 0; c < slab.chunkCount(); c++) {
        byte[] chunk = slab.chunk(c);
        for (int at = 0, end = slab.used(c); at < end; at = JoinSlab.next(chunk, at)) {
          if (heldFromSeq == Long.MAX_VALUE || JoinSlab.seqOf(chunk, at) < heldFromSeq) {
            deletes.add(JoinSlab.recordKey(chunk, at)); // the store has it (held ones never went down)
          }
          if (dropped != null) {
            dropped.dropped(chunk, at, limit);
          }
        }
      }
      remembered -= slab.count();
      if (segment == last) {
        last = null;
      }
      it.remove();
    }
    if (stored.mayHoldBefore(limit)) {
      stored.drop(limit, deletes);
    }
    deletes.flush();
  }

  /**
   * @param recordKey a record key ({@link StreamJoinOp#recordKey})
   * @return its sequence number, read in place: a drop asks it of every record of a segment
   */
  static long seqOf(byte[] recordKey) {
    return Bytes.unsortable((long) LONG.get(recordKey, recordKey.length - 8));
  }

  private long segmentOf(long time) {
    return time < Long.MIN_VALUE + segmentMs ? Long.MIN_VALUE : time - Math.floorMod(time, segmentMs);
  }

}
