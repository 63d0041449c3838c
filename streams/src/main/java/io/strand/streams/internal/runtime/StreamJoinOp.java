package io.strand.streams.internal.runtime;

import io.strand.metrics.Counter;
import io.strand.serializers.Serde;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import io.strand.streams.internal.graph.StreamJoinNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One side of a windowed stream-stream join in one task (see {@link StreamJoinNode}): the two sides
 * share nothing but their stores, so the side a record came from is the operator that receives it.
 *
 * <p>A record at {@code t} that is not late ({@code t + grace >= watermark}) meets every record of
 * the other side's buffer with its key in {@code [t - lookBack, t + lookAhead]}, one pair each, and
 * is buffered. When the watermark passes {@code t + lookAhead + grace} no on-time record of the
 * other side can meet it any more (such a record would have {@code t' <= t + lookAhead}, so
 * {@code t' + grace < watermark}): it is deleted, and emitted unmatched first if its side emits
 * those and it met none. Pairs are emitted when the second record arrives, so each once per run; in
 * exactly-once mode the buffers, the watermark and the outputs commit together, so a restart replays
 * no pair. A late record is counted and goes to the side output.
 *
 * <p>Buffer layout (byte store; times sortable as in {@link Bytes}): record
 * {@code ['d'][key length, 4][key][t, 8][seq, 8]} to {@code [flags, 1][value bytes]} (flag 1: met a
 * record); a segment index {@code ['g'][segment start, 8][key length, 4][key]} only beyond the
 * records {@link JoinSegments} holds in memory (and {@code 'h'}, which older versions wrote);
 * on a side that emits unmatched records, a close index {@code ['c'][t, 8][record key]} of the
 * records that met none when they were buffered; signature {@code 'm'}; sequence reserve
 * {@code 'q'}; layout version {@code 'v'}. {@code seq} tells apart records of one key and time: it
 * comes from a counter that never repeats in a store, because the operator stores the end of a
 * block of {@value #SEQ_BLOCK} numbers ({@code 'q'}) before it uses the first of them and starts
 * from the stored end after a restart (the reserve is written to the changelog before the records
 * using it, so a restored record's number is below the restored reserve). Queryable state reads a
 * buffer as a window store ({@link JoinBufferLayout}).
 *
 * <p>Expiry: records are deleted a time segment at a time ({@link JoinSegments}), so an expired
 * record may stay in the buffer until its segment ends. A lookup never meets it: the other side's
 * record that looks it up is on time ({@code t' >= watermark - grace}) and looks back
 * {@code lookBack'}, this side's look-ahead, so no further than
 * {@code watermark - grace - lookAhead}, and an expired record is older than that. An unmatched
 * record is emitted exactly when its window closes, by the close index, which holds only the
 * records that may need it (those that met a record when they were buffered never do). A
 * segment's records are deleted below the changelog, whose time retention forgets them (a close
 * index entry's delete is logged: a restored entry would emit its record again); a restore may
 * bring some back, which init indexes so that the first watermark drops them again.
 *
 * <p>Cost: each side's live records are also held in memory by key ({@link JoinBuffer}, up to a
 * bound), so a lookup reads no store, and a record goes to the store as a deferred put that costs
 * the changelog and RocksDB nothing if it expires before the next commit; one still buffered at a
 * commit costs one logged write and, at its segment's end, one local delete. Past the memory bound
 * a lookup is one seek (the buffer's records of one key are contiguous and sorted by time). The
 * indexes are scanned from their oldest live entry, never from their start, because the entries
 * deleted before lie there as RocksDB tombstones until a compaction, and a seek through them costs
 * time in their number.
 *
 * <p>Threading: the task's thread only.
 */
final class StreamJoinOp extends Op {

  private static final byte[] SIGNATURE_KEY = {'m'};
  private static final byte[] SEQ_KEY = {'q'};
  /** Layout version: absent in a buffer written with a close index entry per record. */
  private static final byte[] LAYOUT_KEY = {'v'};
  private static final byte[] LAYOUT_SEGMENTS = {2};
  /** Sequence numbers reserved (and stored) at a time. */
  static final long SEQ_BLOCK = 1 << 16;
  private static final byte MATCHED = 1;

  private final StreamJoinNode node;
  private final long lookBack;
  private final long lookAhead;
  private final long grace;
  private KeyValueStore<byte[], byte[]> own;
  private JoinBuffer ownBuffer;
  /** The other side's buffer, looked up at the first record (the other side's operator makes it at its init). */
  private JoinBuffer otherBuffer;
  /** The other side's records a lookup met, reused by every lookup. */
  private final JoinMatches met = new JoinMatches();
  private TaskEnv env;
  private Serde<Object> keySerde;
  private Serde<Object> ownValueSerde;
  private Serde<Object> otherValueSerde;
  private Counter lateRecords;
  private long seq;
  /** The stored reserve: {@link #seq} may be used while below it. */
  private long seqReserved;
  /** No close index entry is older than this, so a watermark that expires nothing older skips the scan. */
  private long oldest = Long.MIN_VALUE;
  Op late;

  StreamJoinOp(StreamJoinNode node) {
    super(node.name());
    this.node = node;
    this.lookBack = node.lookBackMs();
    this.lookAhead = node.lookAheadMs();
    this.grace = node.windows().graceMs();
  }

  @Override
  void init(TaskEnv env) {
    super.init(env);
    this.env = env;
    own = env.context.getStore(node.ownStore());
    keySerde = env.keySerde(node.keySerde(), node.join());
    ownValueSerde = env.valueSerde(node.ownValueSerde(), node.join());
    otherValueSerde = env.valueSerde(node.otherValueSerde(), node.join());
    String signature = node.signature(keySerde.getClass().getName(), ownValueSerde.getClass().getName());
    byte[] stored = own.get(SIGNATURE_KEY);
    if (stored == null) {
      own.put(SIGNATURE_KEY, signature.getBytes(StandardCharsets.UTF_8));
    } else if (!signature.equals(new String(stored, StandardCharsets.UTF_8))) {
      throw new IllegalStateException("join '" + node.join() + "' (store '" + node.ownStore() + "') holds records"
          + " buffered as [" + new String(stored, StandardCharsets.UTF_8) + "] but the graph now describes ["
          + signature + "]; the join changed incompatibly: name it anew (StreamJoined.as) to start with empty"
          + " buffers, or run under a new job.id");
    }
    lateRecords = env.context.getTaskMetricsRegistry().newCounter("streams", name + ".late-records");
    ownBuffer = new JoinBuffer(own, plus(lookAhead, grace), JoinBuffer.MEMORY_BYTES, JoinSegments.REMEMBERED);
    env.joinBuffers.put(node.ownStore(), ownBuffer);
    byte[] reserve = own.get(SEQ_KEY);
    long highest = ownBuffer.segments().highestSeq(); // it indexed every buffered record, restored ones too
    if (own.get(LAYOUT_KEY) == null) {
      upgrade();
    }
    // The reserve, and above every restored record: the changelog's time retention may have
    // dropped an old reserve record while records numbered from it remain.
    seq = Math.max(reserve != null ? ByteBuffer.wrap(reserve).getLong() : 0, highest + 1);
    seqReserved = seq;
  }

  /**
   * Brings a buffer written before the segment index to the current layout ({@link JoinSegments}
   * indexed its records): drops the close index entries that this side no longer keeps (all, on
   * an inner side), then stores the layout version.
   */
  private void upgrade() {
    if (!node.emitsUnmatched()) {
      List<byte[]> closeEntries = new ArrayList<>();
      try (KeyValueIterator<byte[], byte[]> it = own.range(new byte[] {'c'}, new byte[] {'d'})) {
        while (it.hasNext()) {
          closeEntries.add(it.next().getKey());
        }
      }
      closeEntries.forEach(own::delete);
    }
    own.put(LAYOUT_KEY, LAYOUT_SEGMENTS);
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    if (key == null || value == null) {
      return; // as Kafka Streams: no key meets none; a null value would read as a missing side
    }
    // The minimum over both sides' inputs (GraphTask wires both to each side): the watermark the
    // buffers expire by, so an on-time record never misses a buffered one.
    long watermark = watermarkMs();
    if (watermark != Long.MIN_VALUE && timestamp < minus(watermark, grace)) {
      lateRecords.inc();
      if (late != null) {
        late.process(key, value, timestamp);
      }
      return;
    }
    byte[] k = keySerde.toBytes(key);
    if (otherBuffer == null) {
      otherBuffer = env.joinBuffers.get(node.otherStore());
      if (otherBuffer == null) {
        throw new IllegalStateException("join '" + node.join() + "': the buffer of the other side (store '"
            + node.otherStore() + "') is not in this task");
      }
    }
    otherBuffer.find(k, minus(timestamp, lookBack), plus(timestamp, lookAhead), met);
    boolean noteMatches = node.otherEmitsUnmatched();
    for (int i = 0, n = met.size(); i < n; i++) {
      Object otherValue = otherValueSerde.fromBytes(met.storedFrom(i, 1)); // the one copy: the joiner keeps it
      boolean mark = noteMatches && (met.flags(i) & MATCHED) == 0;
      forward(key, node.thisSide() ? node.joiner().apply(value, otherValue) : node.joiner().apply(otherValue, value),
          Math.max(timestamp, met.time(i)));
      if (mark) {
        otherBuffer.addFlags(met, i, MATCHED);
      }
    }
    boolean matched = !met.isEmpty();
    met.clear(); // holds no slab past its segment's drop
    if (watermark != Long.MIN_VALUE && timestamp < minus(watermark, plus(lookAhead, grace))) {
      // Its window closed already (a negative look-ahead): nothing can meet it later.
      if (!matched && node.emitsUnmatched()) {
        emitUnmatched(key, value, timestamp);
      }
      return;
    }
    if (seq >= seqReserved) {
      seqReserved = seq + SEQ_BLOCK;
      own.put(SEQ_KEY, ByteBuffer.allocate(8).putLong(seqReserved).array());
    }
    long recordSeq = seq++;
    byte[] recordKey = recordKey(k, timestamp, recordSeq);
    byte[] bytes = ownValueSerde.toBytes(value);
    byte[] stored = new byte[1 + bytes.length];
    stored[0] = matched ? MATCHED : 0;
    System.arraycopy(bytes, 0, stored, 1, bytes.length);
    ownBuffer.add(recordKey, timestamp, stored);
    if (!matched && node.emitsUnmatched()) {
      own.put(expiryKey(timestamp, recordKey), new byte[0]);
      oldest = Math.min(oldest, timestamp);
    }
  }

  @Override
  void onWatermark(long watermarkMs) {
    long expireBefore = watermarkMs == Long.MAX_VALUE ? Long.MAX_VALUE : minus(watermarkMs, plus(lookAhead, grace));
    if (node.emitsUnmatched()) {
      closeWindows(expireBefore);
    }
    if (expireBefore != Long.MIN_VALUE) {
      ownBuffer.dropBefore(expireBefore);
    }
  }

  /** Emits the records that met none and whose windows closed before {@code expireBefore}. */
  private void closeWindows(long expireBefore) {
    if (expireBefore <= oldest) {
      return;
    }
    List<byte[]> expired = new ArrayList<>();
    byte[] upper = expireBefore == Long.MAX_VALUE ? new byte[] {'d'} : expiryBound(expireBefore);
    // From the oldest live entry: the expired ones before it are tombstones a seek would walk.
    try (KeyValueIterator<byte[], byte[]> it = own.range(expiryBound(oldest), upper)) {
      while (it.hasNext()) {
        expired.add(it.next().getKey());
      }
    }
    for (byte[] expiryKey : expired) {
      byte[] recordKey = new byte[expiryKey.length - 9];
      System.arraycopy(expiryKey, 9, recordKey, 0, recordKey.length);
      byte[] stored = ownBuffer.get(recordKey);
      if (stored != null && (stored[0] & MATCHED) == 0) {
        emitUnmatched(keySerde.fromBytes(keyOf(recordKey)), decode(stored, ownValueSerde), timeOf(recordKey));
      }
      own.delete(expiryKey); // the record itself goes with its segment
    }
    if (expireBefore == Long.MAX_VALUE) {
      oldest = Long.MAX_VALUE;
      return;
    }
    try (KeyValueIterator<byte[], byte[]> it = own.range(expiryBound(expireBefore), new byte[] {'d'})) {
      oldest = it.hasNext() ? Bytes.unsortable(ByteBuffer.wrap(it.next().getKey(), 1, 8).getLong()) : Long.MAX_VALUE;
    }
  }

  private void emitUnmatched(Object key, Object value, long timestamp) {
    forward(key, node.thisSide() ? node.joiner().apply(value, null) : node.joiner().apply(null, value), timestamp);
  }

  private static Object decode(byte[] stored, Serde<Object> serde) {
    byte[] bytes = new byte[stored.length - 1];
    System.arraycopy(stored, 1, bytes, 0, bytes.length);
    return serde.fromBytes(bytes);
  }

  static byte[] recordPrefix(byte[] key) {
    return Bytes.keyed((byte) 'd', key, 0);
  }

  static byte[] recordKey(byte[] key, long timestamp, long seq) {
    ByteBuffer b = ByteBuffer.wrap(Bytes.keyed((byte) 'd', key, 16));
    b.position(5 + key.length);
    b.putLong(Bytes.sortable(timestamp)).putLong(Bytes.sortable(seq));
    return b.array();
  }

  private static byte[] keyOf(byte[] recordKey) {
    return Bytes.userKeyOf(recordKey);
  }

  /**
   * @param recordKey a record key ({@link #recordKey})
   * @return its event time, ms, read in place (every add, get and update of a buffer asks it)
   */
  static long timeOf(byte[] recordKey) {
    return Bytes.startOf(recordKey); // the same place as a window key's start: 16 bytes from the end
  }

  private static byte[] expiryKey(long timestamp, byte[] recordKey) {
    return ByteBuffer.allocate(9 + recordKey.length).put((byte) 'c').putLong(Bytes.sortable(timestamp)).put(recordKey)
        .array();
  }

  private static byte[] expiryBound(long timestamp) {
    return ByteBuffer.allocate(9).put((byte) 'c').putLong(Bytes.sortable(timestamp)).array();
  }

  /** {@code a - b}, held at the ends of time instead of wrapping around. */
  private static long minus(long a, long b) {
    long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }

  /** {@code a + b}, held at the ends of time instead of wrapping around. */
  static long plus(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }
}
