package io.strand.streams.internal.runtime;

import io.strand.storage.kv.KeyValueIterator;
import io.strand.streams.EmitStrategy;
import io.strand.streams.Firing;
import io.strand.streams.SessionWindows;
import io.strand.streams.Window;
import io.strand.streams.Windowed;
import io.strand.streams.internal.graph.AggregateNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Session windows with early firings ({@link EmitStrategy#withEarlyFirings}). Sessions merge as in
 * {@link SessionWindowOp}; a session {@code [start, end)} (end = last record + 1 ms) is complete
 * when the watermark reaches {@code end - 1 + gap}, since no record the watermark has not passed
 * can join it any more. Until then it fires early, every N records added to it (those of the
 * sessions it merged count too) and/or every T ms of processing time if it was updated; it fires
 * on time once when the watermark reaches {@code end - 1 + gap}; a record within the grace that
 * joins a session already fired on time fires the merged session as a late update at once; the
 * session is dropped at {@code end - 1 + gap + grace}. A session that absorbs others supersedes
 * their earlier results (the same key, a wider range), as a session's results do in Kafka Streams.
 *
 * <p>Store layout: sessions under their window keys ({@link Bytes#windowKey}), the due index
 * {@code ['c'][due][window key]} with due = the on-time time until the session fired on time, its
 * close after, and the records added since a session's last firing under {@code ['n'][window key]}
 * (8 bytes). All of it is changelogged and committed with the input offsets, so what is due after a
 * crash is what was due at the last commit, and the replayed records bring it to where it was.
 *
 * <p>Threading: the task's thread only.
 */
final class EarlySessionWindowOp extends AggregateOp {

  private final SessionWindows windows;
  private final EmitStrategy emit;
  /** Whether pending counts are kept: not when every record fires ({@code everyRecords == 1}). */
  private final boolean pendingKeys;
  private final PendingFirings pending;

  EarlySessionWindowOp(AggregateNode node) {
    super(node);
    this.windows = node.sessionWindows();
    this.emit = node.emitStrategy();
    this.pending = new PendingFirings(emit);
    this.pendingKeys = pending.kept();
  }

  @Override
  void init(TaskEnv env) {
    super.init(env);
    pending.start(System.currentTimeMillis());
  }

  private long onTimeAt(long end) {
    return end - 1 + windows.gapMs();
  }

  private long closeAt(long end) {
    return onTimeAt(end) + windows.graceMs();
  }

  /** The due time a session's index entry has now: its on-time time until the watermark passed it. */
  private long dueOf(long end, long watermarkMs) {
    return onTimeAt(end) > watermarkMs ? onTimeAt(end) : closeAt(end);
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    long wm = watermarkMs();
    byte[] k = keyBytes(key);
    SessionWindowOp.Joined joined = SessionWindowOp.Joined.scan(store, k, windows.gapMs(), timestamp);
    long start = joined.start();
    long end = joined.end();
    if (closeAt(end) <= wm) {
      late(key, value, timestamp);
      return;
    }
    Object aggregate = joined.merge(this, key, value);
    long records = 1;
    for (byte[] old : joined.keys()) {
      long oldEnd = Bytes.endOf(old);
      store.delete(old);
      store.delete(Bytes.closeKey(dueOf(oldEnd, wm), old));
      if (pendingKeys) {
        byte[] was = store.get(PendingFirings.key(old));
        if (was != null) {
          records += ByteBuffer.wrap(was).getLong();
          store.delete(PendingFirings.key(old));
        }
      }
    }
    byte[] windowKey = Bytes.windowKey(k, start, end);
    store.put(windowKey, aggregateBytes(aggregate));
    long due = dueOf(end, wm);
    store.put(Bytes.closeKey(due, windowKey), new byte[0]);
    closing(due);
    if (onTimeAt(end) <= wm) {
      fire(key, start, end, aggregate, Firing.LATE_UPDATE);
    } else if (emit.everyRecords() > 0 && records >= emit.everyRecords()) {
      fire(key, start, end, aggregate, Firing.EARLY);
    } else if (pendingKeys) {
      store.put(PendingFirings.key(windowKey), Bytes.longs(records));
    }
  }

  @Override
  void onWatermark(long watermarkMs) {
    if (watermarkMs < nextCloseAt) {
      return;
    }
    List<byte[]> dueKeys = new ArrayList<>();
    try (KeyValueIterator<byte[], byte[]> it = store.range(Bytes.closeBound(Long.MIN_VALUE),
        watermarkMs == Long.MAX_VALUE ? new byte[] {'d'} : Bytes.closeBound(watermarkMs + 1))) {
      while (it.hasNext()) {
        dueKeys.add(it.next().getKey());
      }
    }
    for (byte[] closeKey : dueKeys) {
      store.delete(closeKey);
      byte[] windowKey = Bytes.windowKeyOfClose(closeKey);
      long end = Bytes.endOf(windowKey);
      if (Bytes.closeTimeOf(closeKey) == onTimeAt(end)) { // on time (with no grace also the close)
        byte[] aggregate = store.get(windowKey);
        if (pendingKeys) {
          store.delete(PendingFirings.key(windowKey));
        }
        if (aggregate != null) {
          fire(keySerde.fromBytes(Bytes.userKeyOf(windowKey)), Bytes.startOf(windowKey), end, aggregate(aggregate),
              Firing.ON_TIME);
        }
        if (aggregate != null && closeAt(end) > watermarkMs) {
          store.put(Bytes.closeKey(closeAt(end), windowKey), new byte[0]);
          continue;
        }
      }
      store.delete(windowKey);
    }
    nextCloseAt = Long.MAX_VALUE;
    if (watermarkMs != Long.MAX_VALUE) {
      try (KeyValueIterator<byte[], byte[]> it = store.range(Bytes.closeBound(watermarkMs + 1), new byte[] {'d'})) {
        nextCloseAt = it.hasNext() ? Bytes.closeTimeOf(it.next().getKey()) : Long.MAX_VALUE;
      }
    }
  }

  /** Timed early firings: every session updated since its last firing, once per interval. */
  @Override
  void tick() {
    pending.tick(store, (windowKey, aggregate) -> fire(keySerde.fromBytes(Bytes.userKeyOf(windowKey)),
        Bytes.startOf(windowKey), Bytes.endOf(windowKey), aggregate(aggregate), Firing.EARLY));
  }


  private void fire(Object key, long start, long end, Object aggregate, Firing firing) {
    forward(new Windowed<>(key, new Window(start, end), firing), aggregate, end - 1);
  }
}
