package io.strand.streams.internal.runtime;

import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueStore;
import io.strand.storage.kv.WriteBehind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One side's buffer of a stream-stream join in one task ({@link StreamJoinOp}): its records in the
 * side's store, and, while they fit in memory, also here by key, so that the other side's lookups
 * read memory; the store gets a record only if it is still buffered at a commit
 * ({@link WriteBehind#handOverBefore}: the buffer hands its new records over then, as deferred puts).
 *
 * <p>Why: a record lives look-ahead plus grace of event time (the benchmark's join: about a
 * second), far less than the time between two commits. Written through the object cache, most
 * records went down in full write batches before they expired, each a changelog record, a RocksDB
 * put and, at expiry, a RocksDB delete, and every lookup was a RocksDB seek merged with the
 * cache's dirty entries (session 12: write-downs, changelog sends and the probe were over half of
 * the join's thread). Held here until a commit, a record that expires before the next commit reaches
 * neither the changelog nor RocksDB, nor the store's index of deferred puts; one still buffered at a
 * commit goes down then, as the cache's dirty entries do, and is deleted below the changelog at
 * expiry as before. Why not a deferred put at once (session 15): each record then lived twice, in
 * this buffer and in the store's index of deferred puts (a hash and an insert per record, a hash
 * and a removal at expiry), and most records expire long before the commit (10 s in the benchmark).
 *
 * <p>Which records the store lacks: those added in memory since the last hand-over, known by their
 * sequence number (the operator numbers a side's records in arrival order, above every restored
 * one): at or above {@link JoinSegments#heldFromSeq}, which the segments own. An update of such a
 * record stays here; a drop deletes nothing of it below.
 *
 * <p>Why that is exact after a restart: a restore gives the store as of the last checkpoint, so it
 * lacks only records that expired before that checkpoint's commit; the watermark they expired by is
 * part of the same committed state (the watermark store), so no on-time record processed after the
 * restart can meet them (see {@link StreamJoinOp} on why an expired record is never met), and an
 * unmatched record of such a side was emitted before it was dropped, in that commit's output. The
 * join already relied on this for records dropped while still dirty in the object cache.
 *
 * <p>Memory: while the records held stay under {@link #memoryBytes} (estimated as key, value and
 * {@value #RECORD_OVERHEAD} bytes each, plus {@value #KEY_OVERHEAD} per key held) and under
 * {@link JoinSegments#REMEMBERED}, the buffer is in
 * memory; past that it falls back to the store (puts through the object cache, lookups as range
 * scans) and comes back once a drop leaves under half of the bound, reading the store's records
 * back in one scan.
 *
 * <p>Parts: {@link JoinKeyTable} (the records by key, open addressing: no key object or node per
 * lookup), {@link JoinRecords} (one key's records), {@link JoinSegments} (which records a drop
 * deletes, and which the store lacks), {@link JoinBufferFallback} (the store's records: the scan at
 * start and on the way back, lookups while fallen back). Records handed over are the object cache's deferred puts ({@code BehindEntries}) until they go down.
 *
 * <p>Threading: the task's thread only; both sides' operators of a task use both buffers.
 */
final class JoinBuffer {

  /** Default bound of the records held in memory per buffer, bytes (estimated). */
  static final long MEMORY_BYTES = 32L << 20;
  /**
   * Bytes a record held costs beyond its record key and stored value: its slab entry's two lengths
   * (8) and its slot in its key's {@link JoinRecords} (time, array, offset: 16, in arrays that
   * grow by doubling). Measured (session 18, {@code -Xmx} default, compressed oops): the heap
   * after GC of 200,000 records of 130 bytes held, over their bytes, was 33.6 B/record at 30
   * records per key and 53.3 at 10, 118 at 2, 247 at 1; this and {@link #KEY_OVERHEAD} give 39, 54,
   * 140, 248. Before session 18 one flat 200 B, from the two arrays per record that the slabs
   * removed: it overstated a buffer of many records per key about fourfold, so the buffer fell back
   * to its store that much too early.
   */
  static final int RECORD_OVERHEAD = 32;
  /** Bytes a key held costs: its {@link JoinRecords} (object, key copy, three arrays) and its table slots. */
  static final int KEY_OVERHEAD = 216;
  /** Where the key starts in a record key ({@code ['d'][len, 4][key][time, 8][seq, 8]}). */
  private static final int KEY_OFFSET = 5;
  /** A record key's bytes beyond its key. */
  private static final int RECORD_KEY_EXTRA = 21;
  /** The range of the buffer's record keys in its store. */
  private static final byte[] RECORDS_FROM = {'d'};
  private static final byte[] RECORDS_TO = {'e'};

  private final KeyValueStore<byte[], byte[]> store;
  private final JoinBufferFallback fallback;
  private final WriteBehind<byte[], byte[]> behind;
  private final JoinSegments segments;
  private final long memoryBytes;
  private final JoinKeyTable byKey = new JoinKeyTable();
  /** Whether the store lets this buffer hold its new records until a commit ({@link WriteBehind#handOverBefore}). */
  private final boolean holdsBack;
  private boolean inMemory;
  /** Estimated bytes of the records held in memory. */
  private long held;
  private long heldRecords;

  /**
   * Reads the buffer's records (one scan) and indexes them.
   *
   * @param store the side's store
   * @param lifetimeMs how long after its event time a record stays buffered: look-ahead plus grace, ms
   * @param memoryBytes the bound of the records held in memory, bytes
   * @param rememberedAtMost records {@link JoinSegments} holds in memory at most (tests set a low one)
   */
  @SuppressWarnings("unchecked")
  JoinBuffer(KeyValueStore<byte[], byte[]> store, long lifetimeMs, long memoryBytes, int rememberedAtMost) {
    this.store = store;
    this.behind = store instanceof WriteBehind<?, ?> w ? (WriteBehind<byte[], byte[]>) w : null;
    this.memoryBytes = memoryBytes;
    this.fallback = new JoinBufferFallback(store);
    List<Entry<byte[], byte[]>> records = fallback.scan();
    this.segments = new JoinSegments(store, lifetimeMs, rememberedAtMost, List.of()); // load() indexes the records
    // After the segments, which own the held range the hand-over reads; nothing is held before.
    this.holdsBack = behind != null && behind.handOverBefore(RECORDS_FROM, RECORDS_TO, this::handOver);
    load(records);
  }

  /** @return the time segments (expiry) */
  JoinSegments segments() {
    return segments;
  }

  /** @return whether the records are held in memory */
  boolean inMemory() {
    return inMemory;
  }

  /**
   * Indexes the store's records in the segments (again: their in-memory index is rebuilt) and holds
   * them in memory, or falls back to the store once they do not fit (the rest indexed by key only).
   */
  private void load(List<Entry<byte[], byte[]>> records) {
    segments.forgetHeld();
    byKey.clear();
    held = 0;
    heldRecords = 0;
    inMemory = true;
    for (Entry<byte[], byte[]> e : records) {
      byte[] recordKey = e.getKey();
      long time = StreamJoinOp.timeOf(recordKey);
      if (!inMemory) {
        segments.add(recordKey, time);
        continue;
      }
      int at = segments.add(recordKey, time, e.getValue());
      if (at >= 0) {
        hold(segments.lastChunk(), at, time);
      }
      if (at < 0 || !fits()) {
        toStore();
      }
    }
  }

  private boolean fits() {
    return held <= memoryBytes && segments.held() < segments.rememberedAtMost();
  }

  private void toStore() {
    handOver(); // the store holds every record from here on; the lookups scan it
    inMemory = false;
    byKey.clear();
    held = 0;
    heldRecords = 0;
  }

  /**
   * Buffers a new record (its key never used before in the store).
   *
   * @param recordKey the record's key ({@link StreamJoinOp#recordKey}); copied into its segment's slab,
   *     and kept as it is only by a store that puts it (no hand-over)
   * @param time the record's event time, ms
   * @param stored the stored value ({@code [flags][value bytes]}); the same
   */
  void add(byte[] recordKey, long time, byte[] stored) {
    fallback.added(recordKey, stored);
    if (inMemory) {
      int at = segments.add(recordKey, time, stored);
      if (at < 0) { // indexed in the store: past the bound fits() keeps, so not reached
        toStore();
        store.put(recordKey, stored);
        return;
      }
      hold(segments.lastChunk(), at, time);
      if (holdsBack) {
        segments.held(recordKey);
      } else if (behind != null) {
        behind.putBehind(recordKey, stored);
      } else {
        store.put(recordKey, stored);
      }
      if (!fits()) {
        toStore(); // the handed-over puts go down at the first lookup's scan or the commit
      }
    } else {
      store.put(recordKey, stored);
      segments.add(recordKey, time);
    }
  }

  /** Holds a record whose entry is at {@code at} in {@code chunk} of its segment's slab. */
  private void hold(byte[] chunk, int at, long time) {
    int recordKeyLength = JoinSlab.keyLength(chunk, at);
    int keyAt = JoinSlab.keyOffset(at) + KEY_OFFSET;
    int length = recordKeyLength - RECORD_KEY_EXTRA;
    int hash = JoinKeyTable.hash(chunk, keyAt, length);
    JoinRecords records = byKey.get(chunk, keyAt, length, hash);
    if (records == null) {
      records = new JoinRecords(Arrays.copyOfRange(chunk, keyAt, keyAt + length), 0, length, hash);
      byKey.add(records);
      held += KEY_OVERHEAD;
    }
    records.add(time, chunk, at);
    held += recordKeyLength + JoinSlab.storedLength(chunk, at) + RECORD_OVERHEAD;
    heldRecords++;
  }

  /**
   * The records of a key with event time in {@code [from, to]}, by time then arrival, where they
   * lie: in memory their slab entries, read in place; fallen back, the store's records copied into
   * a scratch slab.
   *
   * @param key the serialized key
   * @param from the earliest time, ms
   * @param to the latest time, ms
   * @param out cleared, then given the records met; valid until the next lookup or drop
   */
  void find(byte[] key, long from, long to, JoinMatches out) {
    out.clear();
    if (inMemory) {
      JoinRecords records = byKey.get(key, 0, key.length, JoinKeyTable.hash(key, 0, key.length));
      if (records != null) {
        records.between(from, to, out);
      }
      return;
    }
    List<Entry<byte[], byte[]>> met = new ArrayList<>(4);
    fallback.find(key, from, to, met);
    long bytes = 0;
    for (Entry<byte[], byte[]> e : met) {
      bytes += 8 + e.getKey().length + e.getValue().length;
    }
    JoinSlab scratch = new JoinSlab(bytes);
    for (Entry<byte[], byte[]> e : met) {
      int at = scratch.append(e.getKey(), e.getValue());
      out.add(scratch.lastChunk(), at, StreamJoinOp.timeOf(e.getKey()));
    }
  }

  /**
   * Copies of the records of a key with event time in {@code [from, to]} (tests).
   *
   * @return (record key, stored value) pairs, by time then arrival
   */
  List<Entry<byte[], byte[]>> find(byte[] key, long from, long to) {
    JoinMatches met = new JoinMatches();
    find(key, from, to, met);
    return met.copies();
  }

  /**
   * Sets bits in the first byte of a met record's stored value (the operator's match flag), in
   * place; the store gets the new value too unless it lacks the record (held here, not handed over
   * yet: the hand-over gives it the new value), since the record may have gone down at a commit.
   *
   * @param met the last lookup's records
   * @param i which of them
   * @param flags the bits to set
   */
  void addFlags(JoinMatches met, int i, byte flags) {
    byte[] chunk = met.chunk(i);
    int at = met.offset(i);
    chunk[JoinSlab.storedOffset(chunk, at)] |= flags;
    if (inMemory && segments.isHeldSeq(JoinSlab.seqOf(chunk, at))) {
      return;
    }
    store.put(JoinSlab.recordKey(chunk, at), JoinSlab.stored(chunk, at)); // copies: the store may keep them
  }

  /**
   * A buffered record's stored value.
   *
   * @param recordKey the record's key
   * @return its stored value, or null if it is not buffered
   */
  byte[] get(byte[] recordKey) {
    if (inMemory) {
      JoinRecords records = recordsOf(recordKey);
      return records == null ? null : records.get(StreamJoinOp.timeOf(recordKey), recordKey);
    }
    return store.get(recordKey);
  }

  /**
   * The store's hand-over ({@link WriteBehind#handOverBefore}; also before falling back to the
   * store): every record held here that the store lacks becomes a deferred put, so it goes down
   * with the commit's (or the scan's) write. The segments walk only the records added since the
   * last hand-over ({@link JoinSegments#handOver}).
   */
  private void handOver() {
    segments.handOver(behind::putBehind);
  }

  /**
   * Replaces a buffered record's stored value (its match flag): held here only if the store lacks
   * the record, else also an ordinary put, since the record may have gone down at a commit already.
   *
   * @param recordKey the record's key
   * @param stored the new stored value; kept, not copied
   */
  void update(byte[] recordKey, byte[] stored) {
    if (inMemory) {
      JoinRecords records = recordsOf(recordKey);
      if (records != null) {
        records.set(StreamJoinOp.timeOf(recordKey), recordKey, stored);
      }
      if (segments.isHeld(recordKey)) {
        return; // the store lacks it: the hand-over gives it the new value
      }
    }
    store.put(recordKey, stored);
  }

  /**
   * Deletes every record of the segments that end at or before {@code expireBefore}
   * ({@link JoinSegments#dropBefore}), from memory too, and comes back to memory if the records
   * left fit in half the bound.
   *
   * @param expireBefore records before this event time are expired, ms; {@code Long.MAX_VALUE} for all
   */
  void dropBefore(long expireBefore) {
    if (inMemory) {
      segments.dropBefore(expireBefore, this::forget);
    } else {
      segments.dropBefore(expireBefore, null);
      if (fallback.fitsHalf(segments, memoryBytes)) {
        load(fallback.scan());
      }
    }
  }

  /** A record dropped from its segment: out of memory too (its key's records before its segment's end go with it). */
  private void forget(byte[] chunk, int at, long limit) {
    int keyAt = JoinSlab.keyOffset(at) + KEY_OFFSET;
    int length = JoinSlab.keyLength(chunk, at) - RECORD_KEY_EXTRA;
    JoinRecords records = byKey.get(chunk, keyAt, length, JoinKeyTable.hash(chunk, keyAt, length));
    if (records == null) {
      return;
    }
    int before = records.size;
    long bytes = records.dropBefore(limit);
    held -= bytes + (long) (before - records.size) * RECORD_OVERHEAD;
    heldRecords -= before - records.size;
    if (records.size == 0) {
      byKey.remove(records);
      held -= KEY_OVERHEAD;
    }
  }

  /** @return records held in memory (tests) */
  long heldRecords() {
    return heldRecords;
  }

  /** The records held of the key inside a record key, or null. */
  private JoinRecords recordsOf(byte[] recordKey) {
    int length = recordKey.length - RECORD_KEY_EXTRA;
    return byKey.get(recordKey, KEY_OFFSET, length, JoinKeyTable.hash(recordKey, KEY_OFFSET, length));
  }
}
