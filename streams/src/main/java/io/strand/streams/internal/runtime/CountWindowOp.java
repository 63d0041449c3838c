package io.strand.streams.internal.runtime;

import io.strand.streams.Window;
import io.strand.streams.Windowed;
import io.strand.streams.internal.graph.AggregateNode;
import java.nio.ByteBuffer;

/**
 * Count windows: per key, {@code [count, first time, last time, aggregate]}; the window is emitted
 * and cleared when its count reaches the size. Independent of watermarks.
 */
final class CountWindowOp extends AggregateOp {

  /** Bytes before the aggregate in a stored value: count, first time, last time. */
  static final int HEADER = 24;

  private final long size;

  CountWindowOp(AggregateNode node) {
    super(node);
    this.size = node.countWindows().size();
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    byte[] storeKey = Bytes.keyed((byte) 'd', keyBytes(key), 0);
    byte[] stored = store.get(storeKey);
    long count = 0;
    long first = timestamp;
    long last = timestamp;
    Object aggregate;
    if (stored == null) {
      aggregate = node.init().apply();
    } else {
      ByteBuffer b = ByteBuffer.wrap(stored);
      count = b.getLong();
      first = Math.min(b.getLong(), timestamp);
      last = Math.max(b.getLong(), timestamp);
      byte[] a = new byte[b.remaining()];
      b.get(a);
      aggregate = aggregate(a);
    }
    aggregate = node.add().apply(key, value, aggregate);
    count++;
    if (count >= size) {
      store.delete(storeKey);
      forward(new Windowed<>(key, new Window(first, last + 1)), aggregate, last);
    } else {
      byte[] a = aggregateBytes(aggregate);
      store.put(storeKey, ByteBuffer.allocate(HEADER + a.length).putLong(count).putLong(first).putLong(last).put(a).array());
    }
  }
}
