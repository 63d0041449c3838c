package io.strand.streams.internal.runtime;

import io.strand.streams.TimeWindows;
import io.strand.streams.Window;
import io.strand.streams.Windowed;
import io.strand.streams.internal.graph.AggregateNode;

/**
 * Tumbling and hopping windows with final results: a record updates each of its windows that is
 * still open (end + grace after the watermark); a record whose every window is closed is late.
 * Each window's aggregate lives under its window key (kept as the object while the store's cache
 * holds it, serialized when the cache writes it down: {@link AggregateValueSerde}), and the in-memory {@link CloseIndex} by close
 * time lets a watermark find, in order, exactly the windows it closes: each is emitted once as
 * {@code (Windowed(key, [start, end)), aggregate)} with event time {@code end - 1} and deleted.
 */
final class TimeWindowOp extends AggregateOp {

  private final TimeWindows windows;
  private final CloseIndex index = new CloseIndex();
  private boolean indexed;

  TimeWindowOp(AggregateNode node) {
    super(node);
    this.windows = node.timeWindows();
  }

  /** Builds the close index from the (restored) store on first use. */
  private void index() {
    if (!indexed) {
      index.rebuild(store, windowKey -> Bytes.endOf(windowKey) + windows.graceMs());
      indexed = true;
    }
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    index();
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
      Object aggregate = getAggregate(windowKey);
      if (aggregate == null) {
        aggregate = node.init().apply();
        index.add(closeAt, windowKey);
      }
      putAggregate(windowKey, node.add().apply(key, value, aggregate));
    }
    if (!taken) {
      late(key, value, timestamp);
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
      Object aggregate = getAggregate(windowKey);
      if (aggregate != null) {
        long end = Bytes.endOf(windowKey);
        Object key = keySerde.fromBytes(Bytes.userKeyOf(windowKey));
        forward(new Windowed<>(key, new Window(Bytes.startOf(windowKey), end)), aggregate, end - 1);
        store.delete(windowKey);
      }
    }
  }

  /** What a closing window emits. */
  @FunctionalInterface
  interface Emit {
    void emit(byte[] windowKey, byte[] aggregate);
  }
}
