package io.strand.streams.internal.runtime;

import io.strand.storage.kv.KeyValueIterator;
import io.strand.streams.TimeWindows;
import io.strand.streams.Window;
import io.strand.streams.Windowed;
import io.strand.streams.internal.graph.AggregateNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * advance)}). Each pane has one entry in the in-memory {@link CloseIndex}, at the close time of
 * its earliest window still open; when that window closes the entries due then for one key are
 * exactly the key's non-empty panes in the window (so no empty pane is looked up), the window is
 * emitted from their merge, and each pane moves to its next window's close time, or is deleted
 * after its last window ({@code [pane start, pane start + size)}). After a restart the index is
 * rebuilt from the panes and the restored watermark (windows closed before it were emitted
 * before the restart). Window keys of the whole size, which {@link TimeWindowOp} wrote before
 * this layout, are merged into their window when it closes and deleted, so a job upgraded with
 * windows open emits each of them once with every record.
 *
 * <p>Threading: the task's thread only.
 */
final class PanedTimeWindowOp extends AggregateOp {

  private final TimeWindows windows;
  private final long size;
  private final long advance;
  private final long grace;
  private final CloseIndex index = new CloseIndex();
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

  /** Builds the close index from the (restored) store and watermark on first use. */
  private void index() {
    if (indexed) {
      return;
    }
    indexed = true;
    long watermark = watermarkMs();
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
            index.add(firstCloseAfter(start, watermark), key);
          }
        } else {
          index.add(Bytes.endOf(key) + grace, key); // a whole window, as TimeWindowOp kept it
        }
      }
    }
    gone.forEach(store::delete);
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    index();
    long paneStart = Math.floorDiv(timestamp, advance) * advance;
    long watermark = watermarkMs();
    if (lastClose(paneStart) <= watermark) {
      late(key, value, timestamp); // its latest window, [paneStart, paneStart + size), is closed
      return;
    }
    byte[] paneKey = Bytes.windowKey(keyBytes(key), paneStart, paneStart + advance);
    Object aggregate = getAggregate(paneKey);
    if (aggregate == null) {
      aggregate = node.init().apply();
      index.add(firstCloseAfter(paneStart, watermark), paneKey);
    }
    putAggregate(paneKey, node.add().apply(key, value, aggregate));
  }

  @Override
  void onWatermark(long watermarkMs) {
    index();
    // One close time at a time, so windows are emitted in order of their ends even when a pane's
    // next window also closes under this watermark.
    while (index.next() <= watermarkMs) {
      List<Map.Entry<Long, byte[]>> due = index.takeDue(index.next());
      long closeAt = due.get(0).getKey();
      long end = closeAt - grace;
      long start = end - size;
      Map<ByteBuffer, List<byte[]>> byKey = new LinkedHashMap<>();
      for (Map.Entry<Long, byte[]> e : due) {
        byKey.computeIfAbsent(ByteBuffer.wrap(Bytes.userKeyOf(e.getValue())), k -> new ArrayList<>(2)).add(e.getValue());
      }
      for (Map.Entry<ByteBuffer, List<byte[]>> e : byKey.entrySet()) {
        Object key = keySerde.fromBytes(e.getKey().array());
        Object total = null;
        boolean any = false;
        List<byte[]> keys = e.getValue();
        keys.sort(Comparator.comparingLong(Bytes::startOf)); // merged in time order
        for (byte[] k : keys) {
          Object a = getAggregate(k);
          if (a == null) {
            continue;
          }
          long kStart = Bytes.startOf(k);
          if (Bytes.endOf(k) - kStart == advance) {
            if (kStart + size > end) {
              index.add(closeAt + advance, k); // the pane's next window
            } else {
              store.delete(k); // this was its last window
            }
          } else {
            store.delete(k); // a whole window from before panes: merged into this, its last emission
          }
          total = any ? node.merge().apply(key, total, a) : a;
          any = true;
        }
        if (any) {
          forward(new Windowed<>(key, new Window(start, end)), total, end - 1);
        }
      }
    }
  }
}
