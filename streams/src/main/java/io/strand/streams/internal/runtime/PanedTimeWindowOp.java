package io.strand.streams.internal.runtime;

import io.strand.storage.kv.KeyValueIterator;
import io.strand.streams.TimeWindows;
import io.strand.streams.Window;
import io.strand.streams.Windowed;
import io.strand.streams.internal.graph.AggregateNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hopping windows with final results, kept as panes (Flink's sliced windows): when the size is a
 * multiple of the advance and the aggregation can merge two aggregates ({@code count}), a record
 * updates one aggregate, that of its pane (the tumbling window of the advance that holds it),
 * instead of one per window; a closing window merges its key's panes. Results, event times, late
 * records and grace are exactly those of {@link TimeWindowOp}: a window exists when one of its
 * panes got a record while the window was open, which is the same as a record having been added to
 * it while it was open, since windows close in order of their ends and each closing window is
 * emitted at once.
 *
 * <p>Store layout: each pane's aggregate under the window key of the pane ({@code [start, start +
 * advance)}). In memory, the non-empty panes by their start ({@link #panes}), each in the order it
 * was opened: a closing window {@code [end - size, end)} reads the panes of the starts it covers,
 * groups them by key (no copy of the key: a view of the pane key), emits each key's merge in time
 * order, and deletes the panes of its first start, whose last window this was. A pane is indexed
 * once, when it opens; it is not moved from close time to close time nor sorted at each close
 * (session 17's profile of Nexmark q5, where most panes hold one record: the pane work at each
 * close, moves, sorts, grouping and reads, was a tenth of the task thread). Memory: one list entry
 * per non-empty pane. Keys are emitted in the order their panes were opened (oldest
 * pane first), the same for the same input and state. After a restart the index is rebuilt from
 * the panes and the restored watermark (windows closed before it were emitted before the restart).
 * Window keys of the whole size, which {@link TimeWindowOp} wrote before this layout, are kept in a
 * {@link CloseIndex}, merged into their window when it closes (before its panes) and deleted, so a
 * job upgraded with windows open emits each of them once with every record.
 *
 * <p>Threading: the task's thread only.
 */
final class PanedTimeWindowOp extends AggregateOp {

  private final TimeWindows windows;
  private final long size;
  private final long advance;
  private final long grace;
  /** Pane start (ms) to the store keys of its non-empty panes, in the order they opened. */
  private final TreeMap<Long, ArrayList<byte[]>> panes = new TreeMap<>();
  /** The list of the pane start that was added to last: records arrive mostly in the current pane. */
  private long lastPaneStart = Long.MIN_VALUE;
  private ArrayList<byte[]> lastPanes;
  /** Whole-window keys written by {@link TimeWindowOp} before panes, by close time. */
  private final CloseIndex wholeWindows = new CloseIndex();
  /** Windows closing at or before this (ms) were emitted: the last watermark acted on. */
  private long firedThrough;
  private boolean indexed;

  PanedTimeWindowOp(AggregateNode node) {
    super(node);
    this.windows = node.timeWindows();
    this.size = windows.sizeMs();
    this.advance = windows.advanceMs();
    this.grace = windows.graceMs();
  }

  /**
   * Whether an aggregation is kept as panes: a final-result hopping window whose size is a
   * multiple of its advance, and a merge of two aggregates.
   *
   * @param node the aggregation
   * @return true to use this operator rather than {@link TimeWindowOp}
   */
  static boolean applies(AggregateNode node) {
    if (node.kind() != AggregateNode.Kind.TIME || node.emitStrategy().early() || node.merge() == null) {
      return false;
    }
    TimeWindows w = node.timeWindows();
    return w.advanceMs() < w.sizeMs() && w.sizeMs() % w.advanceMs() == 0;
  }

  /** The close time of the earliest window holding the pane at {@code paneStart} that closes after {@code watermark}. */
  private long firstCloseAfter(long paneStart, long watermark) {
    long close = paneStart + advance + grace; // its earliest window: [paneStart + advance - size, paneStart + advance)
    if (close <= watermark) {
      long steps = Math.floorDiv(watermark - close, advance) + 1;
      close += steps * advance;
    }
    return close;
  }

  /** The close time of the pane's last window ({@code [paneStart, paneStart + size)}). */
  private long lastClose(long paneStart) {
    return paneStart + size + grace;
  }

  /** Builds the pane index from the (restored) store and watermark on first use. */
  private void index() {
    if (indexed) {
      return;
    }
    indexed = true;
    long watermark = watermarkMs();
    firedThrough = watermark;
    List<byte[]> gone = new ArrayList<>();
    try (KeyValueIterator<byte[], byte[]> it = store.range(new byte[] {'d'}, new byte[] {'e'})) {
      while (it.hasNext()) {
        byte[] key = it.next().getKey();
        long start = Bytes.startOf(key);
        long span = Bytes.endOf(key) - start;
        if (span == advance) {
          if (lastClose(start) <= watermark) {
            gone.add(key); // every window of the pane was emitted
          } else {
            panesOf(start).add(key);
          }
        } else {
          wholeWindows.add(Bytes.endOf(key) + grace, key); // a whole window, as TimeWindowOp kept it
        }
      }
    }
    gone.forEach(store::delete);
  }

  /** The pane keys of a pane start, created empty when none is indexed. */
  private ArrayList<byte[]> panesOf(long paneStart) {
    if (lastPanes == null || lastPaneStart != paneStart) {
      lastPanes = panes.computeIfAbsent(paneStart, s -> new ArrayList<>());
      lastPaneStart = paneStart;
    }
    return lastPanes;
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    index();
    long paneStart = Math.floorDiv(timestamp, advance) * advance;
    if (lastClose(paneStart) <= watermarkMs()) {
      late(key, value, timestamp); // its latest window, [paneStart, paneStart + size), is closed
      return;
    }
    byte[] paneKey = Bytes.windowKey(keyBytes(key), paneStart, paneStart + advance);
    Object aggregate = getAggregate(paneKey);
    if (aggregate == null) {
      aggregate = node.init().apply();
      panesOf(paneStart).add(paneKey);
    }
    putAggregate(paneKey, node.add().apply(key, value, aggregate));
  }

  /** The close time of the next window after {@link #firedThrough} that holds a pane, or {@code Long.MAX_VALUE}. */
  private long nextPaneClose() {
    return panes.isEmpty() ? Long.MAX_VALUE : firstCloseAfter(panes.firstKey(), firedThrough);
  }

  @Override
  void onWatermark(long watermarkMs) {
    index();
    // One window at a time, in order of their ends (each pane is in several).
    while (true) {
      long closeAt = Math.min(nextPaneClose(), wholeWindows.next());
      if (closeAt > watermarkMs || closeAt == Long.MAX_VALUE) {
        break; // MAX_VALUE: nothing is open (the end-of-time watermark is MAX_VALUE too)
      }
      long end = closeAt - grace;
      emit(end - size, end, wholeWindows.takeDue(closeAt));
      firedThrough = closeAt;
    }
    firedThrough = Math.max(firedThrough, watermarkMs);
  }

  /**
   * Emits window {@code [start, end)}: per key, the merge of its whole-window entry (if any) and its
   * panes, in time order; deletes what this window was the last of.
   */
  private void emit(long start, long end, List<Map.Entry<Long, byte[]>> whole) {
    Map<ByteBuffer, Merge> byKey = new LinkedHashMap<>();
    for (Map.Entry<Long, byte[]> e : whole) {
      byte[] k = e.getValue();
      add(byKey, k);
      store.delete(k); // a whole window from before panes: merged into this, its last emission
    }
    for (ArrayList<byte[]> list : panes.subMap(start, true, end, false).values()) {
      for (int i = 0, n = list.size(); i < n; i++) {
        add(byKey, list.get(i));
      }
    }
    for (Merge m : byKey.values()) {
      forward(new Windowed<>(m.key, new Window(start, end)), m.total, end - 1);
    }
    ArrayList<byte[]> done = panes.remove(start); // the panes of the window's first start: their last window
    if (done != null) {
      done.forEach(store::delete);
      if (done == lastPanes) {
        lastPanes = null;
      }
    }
  }

  /** Merges one stored aggregate (a pane's or a whole window's) into its key's total. */
  private void add(Map<ByteBuffer, Merge> byKey, byte[] storeKey) {
    Object a = getAggregate(storeKey);
    if (a == null) {
      return;
    }
    // A view of the key's bytes in the window key ({@link Bytes#windowKey}: 'd', length, key, start, end).
    ByteBuffer userKey = ByteBuffer.wrap(storeKey, 5, storeKey.length - 21);
    Merge m = byKey.get(userKey);
    if (m == null) {
      Object key = keySerde.fromBytes(Bytes.userKeyOf(storeKey));
      byKey.put(userKey, new Merge(key, a));
    } else {
      m.total = node.merge().apply(m.key, m.total, a);
    }
  }

  /** One key's merge of a closing window. */
  private static final class Merge {
    final Object key;
    Object total;

    Merge(Object key, Object first) {
      this.key = key;
      this.total = first;
    }
  }
}
