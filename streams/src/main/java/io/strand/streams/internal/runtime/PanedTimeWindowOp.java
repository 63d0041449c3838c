package io.strand.streams.internal.runtime;

import io.strand.storage.kv.KeyValueIterator;
import io.strand.streams.TimeWindows;
import io.strand.streams.Window;
import io.strand.streams.Windowed;
import io.strand.streams.internal.graph.AggregateNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
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
 * advance)}). In memory, beside the store: each key's open panes with their aggregates
 * ({@link KeyPanes}, the objects the store holds), and the keys with a non-empty pane by the pane's
 * start ({@link #panes}), in the order those panes opened. A record updates its key's pane in
 * memory and puts it into the store. A closing window {@code [end - size, end)} walks the pane
 * lists of the starts it covers, emits each key once (at its first pane there) with the merge of
 * its panes in the window, read from memory, and deletes the panes of its first start, whose last
 * window this was. So a pane is read from the store never (only after a restart), indexed once,
 * and neither moved, sorted nor grouped by hashing at a close (session 17's and 19's profiles of
 * Nexmark q5, where most panes hold one record: reading each pane's aggregate from the store's
 * cache and grouping the keys at each of its windows were most of the close's own work). Memory:
 * per key with an open pane, its {@link KeyPanes}; per non-empty pane, its store key, aggregate
 * and one list entry. Keys are emitted in the order their panes were opened (oldest pane first),
 * the same for the same input and state. After a restart the panes and keys are rebuilt from the
 * store and the restored watermark (windows closed before it were emitted before the restart).
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
  /** The number of panes in a window: size over advance. */
  private final int panesPerWindow;
  /** Pane start (ms) to the keys with a non-empty pane there, in the order those panes opened. */
  private final TreeMap<Long, ArrayList<KeyPanes>> panes = new TreeMap<>();
  /** Key bytes to the key's open panes and their aggregates: what a closing window merges. */
  private final HashMap<ByteBuffer, KeyPanes> byKey = new HashMap<>();
  /** The list of the pane start that was added to last: records arrive mostly in the current pane. */
  private long lastPaneStart = Long.MIN_VALUE;
  private ArrayList<KeyPanes> lastPanes;
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
    this.panesPerWindow = (int) (size / advance);
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

  /** Builds the pane index and the keys' open panes from the (restored) store and watermark on first use. */
  private void index() {
    if (indexed) {
      return;
    }
    indexed = true;
    long watermark = watermarkMs();
    firedThrough = watermark;
    List<byte[]> gone = new ArrayList<>();
    List<byte[]> open = new ArrayList<>();
    try (KeyValueIterator<byte[], byte[]> it = store.range(new byte[] {'d'}, new byte[] {'e'})) {
      while (it.hasNext()) {
        byte[] key = it.next().getKey();
        long start = Bytes.startOf(key);
        long span = Bytes.endOf(key) - start;
        if (span == advance) {
          if (lastClose(start) <= watermark) {
            gone.add(key); // every window of the pane was emitted
          } else {
            open.add(key);
          }
        } else {
          wholeWindows.add(Bytes.endOf(key) + grace, key); // a whole window, as TimeWindowOp kept it
        }
      }
    }
    gone.forEach(store::delete);
    for (byte[] paneKey : open) { // read after the scan: the aggregates as the store's cache holds them
      Object aggregate = getAggregate(paneKey);
      if (aggregate != null) {
        long start = Bytes.startOf(paneKey);
        KeyPanes kp = keyPanes(Bytes.userKeyOf(paneKey));
        kp.open(start, paneKey, aggregate);
        panesOf(start).add(kp);
      }
    }
  }

  /** The pane list of a pane start, created empty when none is indexed. */
  private ArrayList<KeyPanes> panesOf(long paneStart) {
    if (lastPanes == null || lastPaneStart != paneStart) {
      lastPanes = panes.computeIfAbsent(paneStart, s -> new ArrayList<>());
      lastPaneStart = paneStart;
    }
    return lastPanes;
  }

  /** A key's open panes, created empty if it has none. */
  private KeyPanes keyPanes(byte[] keyBytes) {
    ByteBuffer view = ByteBuffer.wrap(keyBytes);
    KeyPanes kp = byKey.get(view);
    if (kp == null) {
      kp = new KeyPanes(keyBytes, panesPerWindow + 1);
      byKey.put(view, kp);
    }
    return kp;
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    index();
    long paneStart = Math.floorDiv(timestamp, advance) * advance;
    if (lastClose(paneStart) <= watermarkMs()) {
      late(key, value, timestamp); // its latest window, [paneStart, paneStart + size), is closed
      return;
    }
    byte[] keyBytes = keyBytes(key);
    KeyPanes kp = keyPanes(keyBytes);
    int i = kp.indexOf(paneStart);
    if (i < 0) {
      i = kp.open(paneStart, Bytes.windowKey(keyBytes, paneStart, paneStart + advance), node.init().apply());
      panesOf(paneStart).add(kp);
    }
    Object aggregate = node.add().apply(key, value, kp.aggregate(i));
    kp.aggregate(i, aggregate);
    putAggregate(kp.storeKey(i), aggregate);
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
   * panes, in time order, read from the keys' {@link KeyPanes}; deletes what this window was the last
   * of. Keys come in the order their panes in the window opened (a whole-window key first).
   */
  private void emit(long start, long end, List<Map.Entry<Long, byte[]>> whole) {
    if (!whole.isEmpty()) {
      emitWhole(start, end, whole);
    }
    Window window = new Window(start, end);
    for (ArrayList<KeyPanes> list : panes.subMap(start, true, end, false).values()) {
      for (int i = 0, n = list.size(); i < n; i++) {
        KeyPanes kp = list.get(i);
        if (kp.emittedEnd != end) { // the key's first pane in this window: emit its merge once
          kp.emittedEnd = end;
          Object key = kp.key(keySerde);
          forward(new Windowed<>(key, window), kp.merge(null, start, end, key, node.merge()), end - 1);
        }
      }
    }
    ArrayList<KeyPanes> done = panes.remove(start); // the panes of the window's first start: their last window
    if (done != null) {
      for (int i = 0, n = done.size(); i < n; i++) {
        KeyPanes kp = done.get(i);
        byte[] paneKey = kp.close(start);
        if (paneKey != null) {
          store.delete(paneKey);
        }
        if (kp.isEmpty()) {
          byKey.remove(ByteBuffer.wrap(kp.keyBytes));
        }
      }
      if (done == lastPanes) {
        lastPanes = null;
      }
    }
  }

  /**
   * Emits the keys of window {@code [start, end)} that have a whole-window entry from before panes,
   * each merged with its panes in the window (which then are not emitted again), and deletes the
   * entries: this is their last emission.
   */
  private void emitWhole(long start, long end, List<Map.Entry<Long, byte[]>> whole) {
    Map<ByteBuffer, Object[]> totals = new LinkedHashMap<>(); // key bytes -> {key, total}
    for (Map.Entry<Long, byte[]> e : whole) {
      byte[] windowKey = e.getValue();
      Object a = getAggregate(windowKey);
      store.delete(windowKey);
      if (a != null) {
        byte[] keyBytes = Bytes.userKeyOf(windowKey);
        Object[] kt = totals.get(ByteBuffer.wrap(keyBytes));
        if (kt == null) {
          totals.put(ByteBuffer.wrap(keyBytes), new Object[] {keySerde.fromBytes(keyBytes), a});
        } else {
          kt[1] = node.merge().apply(kt[0], kt[1], a);
        }
      }
    }
    Window window = new Window(start, end);
    for (Map.Entry<ByteBuffer, Object[]> e : totals.entrySet()) {
      Object key = e.getValue()[0];
      Object total = e.getValue()[1];
      KeyPanes kp = byKey.get(e.getKey());
      if (kp != null) {
        total = kp.merge(total, start, end, key, node.merge());
        kp.emittedEnd = end;
      }
      forward(new Windowed<>(key, window), total, end - 1);
    }
  }
}
