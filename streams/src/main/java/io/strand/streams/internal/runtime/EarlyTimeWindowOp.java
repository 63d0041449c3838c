package io.strand.streams.internal.runtime;

import io.strand.streams.EmitStrategy;
import io.strand.streams.Firing;
import io.strand.streams.TimeWindows;
import io.strand.streams.Window;
import io.strand.streams.Windowed;
import io.strand.streams.internal.graph.AggregateNode;
import java.nio.ByteBuffer;

/**
 * Tumbling and hopping windows with early firings ({@link EmitStrategy#withEarlyFirings}): early
 * results by record count or processing time, one on-time result when the operator's watermark
 * reaches the window's end, a late update for each record within the grace, and the state dropped
 * at {@code end + grace}.
 *
 * <p>Store layout (the aggregates under their window keys, as {@link TimeWindowOp}): the pending
 * early firing of a window is {@code ['n'][window key]} with the records added since its last
 * firing (8 bytes). All of it is changelogged and committed with the input offsets, so what is due
 * after a crash is exactly what was due at the last commit, and the replayed records bring it to
 * where it was. The in-memory {@link CloseIndex} holds each window at its end until it fired on
 * time, then at {@code end + grace}; after a restart it is rebuilt from the window keys and the
 * operator's restored watermark (a window whose end the watermark had passed has fired on time).
 *
 * <p>Threading: the task's thread only.
 */
final class EarlyTimeWindowOp extends AggregateOp {

  private final TimeWindows windows;
  private final EmitStrategy emit;
  /**
   * Whether a window can have a pending early firing in the store: not when every record fires
   * ({@code everyRecords == 1}), so closing a window then writes no tombstone for a key never written.
   */
  private final boolean pendingKeys;
  private final PendingFirings pending;
  private final CloseIndex index = new CloseIndex();
  private boolean indexed;

  EarlyTimeWindowOp(AggregateNode node) {
    super(node);
    this.windows = node.timeWindows();
    this.emit = node.emitStrategy();
    this.pending = new PendingFirings(emit);
    this.pendingKeys = pending.kept();
  }

  @Override
  void init(TaskEnv env) {
    super.init(env);
    pending.start(System.currentTimeMillis());
  }

  /** Builds the index from the (restored) store and watermark on first use. */
  private void index() {
    if (!indexed) {
      long wm = watermarkMs();
      index.rebuild(store, windowKey -> {
        long end = Bytes.endOf(windowKey);
        return end > wm ? end : end + windows.graceMs();
      });
      indexed = true;
    }
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    index();
    byte[] k = keyBytes(key);
    long wm = watermarkMs();
    boolean taken = false;
    for (long start = windows.firstStartFor(timestamp); start <= timestamp; start += windows.advanceMs()) {
      long end = start + windows.sizeMs();
      long closeAt = end + windows.graceMs();
      if (end <= timestamp || closeAt <= wm) {
        continue;
      }
      taken = true;
      byte[] windowKey = Bytes.windowKey(k, start, end);
      byte[] stored = store.get(windowKey);
      Object aggregate = node.add().apply(key, value, stored == null ? node.init().apply() : aggregate(stored));
      byte[] bytes = aggregateBytes(aggregate);
      store.put(windowKey, bytes);
      boolean beforeEnd = end > wm;
      if (stored == null) {
        index.add(beforeEnd ? end : closeAt, windowKey);
      }
      if (beforeEnd) {
        countPending(windowKey, key, aggregate, start, end);
      } else {
        emit(key, start, end, aggregate, Firing.LATE_UPDATE);
      }
    }
    if (!taken) {
      late(key, value, timestamp);
    }
  }

  /** One more record in a window before its end: fires early when the count is reached. */
  private void countPending(byte[] windowKey, Object key, Object aggregate, long start, long end) {
    if (emit.everyRecords() == 1) {
      emit(key, start, end, aggregate, Firing.EARLY); // every update: nothing is ever pending
      return;
    }
    byte[] pendingKey = PendingFirings.key(windowKey);
    byte[] was = store.get(pendingKey);
    long count = (was == null ? 0 : ByteBuffer.wrap(was).getLong()) + 1;
    if (emit.everyRecords() > 0 && count >= emit.everyRecords()) {
      if (was != null) {
        store.delete(pendingKey);
      }
      emit(key, start, end, aggregate, Firing.EARLY);
    } else {
      store.put(pendingKey, Bytes.longs(count));
    }
  }

  @Override
  void onWatermark(long watermarkMs) {
    index();
    if (watermarkMs < index.next()) {
      return;
    }
    for (var due : index.takeDue(watermarkMs)) {
      byte[] windowKey = due.getValue();
      long end = Bytes.endOf(windowKey);
      long closeAt = end + windows.graceMs();
      if (due.getKey() == end) { // on time (with no grace also the close)
        byte[] aggregate = store.get(windowKey);
        if (pendingKeys) {
          store.delete(PendingFirings.key(windowKey));
        }
        if (aggregate != null) {
          emit(keySerde.fromBytes(Bytes.userKeyOf(windowKey)), Bytes.startOf(windowKey), end, aggregate(aggregate),
              Firing.ON_TIME);
        }
        if (closeAt > watermarkMs) {
          index.add(closeAt, windowKey);
          continue;
        }
      }
      store.delete(windowKey);
    }
  }

  /** Timed early firings: every window updated since its last firing, once per interval. */
  @Override
  void tick() {
    pending.tick(store, (windowKey, aggregate) -> emit(keySerde.fromBytes(Bytes.userKeyOf(windowKey)),
        Bytes.startOf(windowKey), Bytes.endOf(windowKey), aggregate(aggregate), Firing.EARLY));
  }


  private void emit(Object key, long start, long end, Object aggregate, Firing firing) {
    forward(new Windowed<>(key, new Window(start, end), firing), aggregate, end - 1);
  }
}
