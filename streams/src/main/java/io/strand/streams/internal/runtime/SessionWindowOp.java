package io.strand.streams.internal.runtime;

import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.streams.SessionWindows;
import io.strand.streams.Window;
import io.strand.streams.Windowed;
import io.strand.streams.internal.graph.AggregateNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Session windows with final results. A session is stored under {@code [key][start][end]} with
 * {@code end} = last record + 1 ms. A record at {@code t} joins every session of its key within
 * the gap ({@code start - gap <= t < end + gap}): they and the record merge into one session
 * (aggregates merged oldest first, then the record added). The session closes at
 * {@code last + gap + grace}; a record whose merged session would already be closed is late.
 */
final class SessionWindowOp extends AggregateOp {

  private final SessionWindows windows;

  SessionWindowOp(AggregateNode node) {
    super(node);
    this.windows = node.sessionWindows();
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    byte[] k = keyBytes(key);
    byte[] prefix = Bytes.keyed((byte) 'd', k, 0);
    List<byte[]> joined = new ArrayList<>();
    List<byte[]> aggregates = new ArrayList<>();
    long start = timestamp;
    long end = timestamp + 1;
    try (KeyValueIterator<byte[], byte[]> it = store.range(prefix, Bytes.after(prefix))) {
      while (it.hasNext()) {
        Entry<byte[], byte[]> e = it.next();
        long s = Bytes.startOf(e.getKey());
        long en = Bytes.endOf(e.getKey());
        if (s - windows.gapMs() <= timestamp && timestamp < en + windows.gapMs()) {
          joined.add(e.getKey());
          aggregates.add(e.getValue());
          start = Math.min(start, s);
          end = Math.max(end, en);
        }
      }
    }
    if (end - 1 + windows.gapMs() + windows.graceMs() <= watermarkMs()) {
      late(key, value, timestamp);
      return;
    }
    Object aggregate = null;
    for (byte[] bytes : aggregates) {
      Object a = aggregate(bytes);
      aggregate = aggregate == null ? a : node.merge().apply(key, aggregate, a);
    }
    if (aggregate == null) {
      aggregate = node.init().apply();
    }
    aggregate = node.add().apply(key, value, aggregate);
    for (byte[] old : joined) {
      store.delete(old);
      store.delete(Bytes.closeKey(closeAt(Bytes.endOf(old)), old));
    }
    byte[] windowKey = Bytes.windowKey(k, start, end);
    store.put(windowKey, aggregateBytes(aggregate));
    store.put(Bytes.closeKey(closeAt(end), windowKey), new byte[0]);
    closing(closeAt(end));
  }

  private long closeAt(long end) {
    return end - 1 + windows.gapMs() + windows.graceMs();
  }

  @Override
  void onWatermark(long watermarkMs) {
    if (watermarkMs < nextCloseAt) {
      return;
    }
    nextCloseAt = TimeWindowOp.fireClosed(store, watermarkMs, (windowKey, aggregateBytes) -> {
      long start = Bytes.startOf(windowKey);
      long end = Bytes.endOf(windowKey);
      Object key = keySerde.fromBytes(Bytes.userKeyOf(windowKey));
      forward(new Windowed<>(key, new Window(start, end)), aggregate(aggregateBytes), end - 1);
    });
  }
}
