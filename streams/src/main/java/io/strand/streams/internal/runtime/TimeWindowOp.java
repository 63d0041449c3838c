package io.strand.streams.internal.runtime;

import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.streams.TimeWindows;
import io.strand.streams.Window;
import io.strand.streams.Windowed;
import io.strand.streams.internal.graph.AggregateNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Tumbling and hopping windows with final results: a record updates each of its windows that is
 * still open (end + grace after the watermark); a record whose every window is closed is late.
 * Each window's aggregate lives under its window key, and a close-index entry keyed by its close
 * time lets a watermark find, in order, exactly the windows it closes: each is emitted once as
 * {@code (Windowed(key, [start, end)), aggregate)} with event time {@code end - 1} and deleted.
 */
final class TimeWindowOp extends AggregateOp {

  private final TimeWindows windows;

  TimeWindowOp(AggregateNode node) {
    super(node);
    this.windows = node.timeWindows();
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    byte[] k = keyBytes(key);
    boolean taken = false;
    for (long start = windows.firstStartFor(timestamp); start <= timestamp; start += windows.advanceMs()) {
      long end = start + windows.sizeMs();
      if (end <= timestamp) {
        continue;
      }
      long closeAt = end + windows.graceMs();
      if (closeAt <= watermarkMs()) {
        continue;
      }
      taken = true;
      byte[] windowKey = Bytes.windowKey(k, start, end);
      byte[] stored = store.get(windowKey);
      Object aggregate = stored == null ? node.init().apply() : aggregate(stored);
      if (stored == null) {
        store.put(Bytes.closeKey(closeAt, windowKey), new byte[0]);
        closing(closeAt);
      }
      store.put(windowKey, aggregateBytes(node.add().apply(key, value, aggregate)));
    }
    if (!taken) {
      late(key, value, timestamp);
    }
  }

  @Override
  void onWatermark(long watermarkMs) {
    if (watermarkMs < nextCloseAt) {
      return;
    }
    nextCloseAt = fireClosed(store, watermarkMs, (windowKey, aggregateBytes) -> {
      long start = Bytes.startOf(windowKey);
      long end = Bytes.endOf(windowKey);
      Object key = keySerde.fromBytes(Bytes.userKeyOf(windowKey));
      forward(new Windowed<>(key, new Window(start, end)), aggregate(aggregateBytes), end - 1);
    });
  }

  /** What a closing window emits. */
  @FunctionalInterface
  interface Emit {
    void emit(byte[] windowKey, byte[] aggregate);
  }

  /**
   * Emits and deletes every window whose close time is at or before the watermark, oldest first.
   *
   * @return the close time of the first window left open, or {@code Long.MAX_VALUE} when none is
   */
  static long fireClosed(io.strand.storage.kv.KeyValueStore<byte[], byte[]> store, long watermarkMs, Emit emit) {
    List<byte[]> closing = new ArrayList<>();
    try (KeyValueIterator<byte[], byte[]> it = store.range(Bytes.closeBound(Long.MIN_VALUE),
        watermarkMs == Long.MAX_VALUE ? new byte[] {'d'} : Bytes.closeBound(watermarkMs + 1))) {
      while (it.hasNext()) {
        Entry<byte[], byte[]> e = it.next();
        closing.add(e.getKey());
      }
    }
    for (byte[] closeKey : closing) {
      byte[] windowKey = Bytes.windowKeyOfClose(closeKey);
      byte[] aggregate = store.get(windowKey);
      if (aggregate != null) {
        emit.emit(windowKey, aggregate);
        store.delete(windowKey);
      }
      store.delete(closeKey);
    }
    if (watermarkMs == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    try (KeyValueIterator<byte[], byte[]> it = store.range(Bytes.closeBound(watermarkMs + 1), new byte[] {'d'})) {
      return it.hasNext() ? Bytes.closeTimeOf(it.next().getKey()) : Long.MAX_VALUE;
    }
  }
}
