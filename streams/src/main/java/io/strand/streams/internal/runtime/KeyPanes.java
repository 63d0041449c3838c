package io.strand.streams.internal.runtime;

import io.strand.serializers.Serde;
import io.strand.streams.internal.graph.AggregateNode;
import java.util.Arrays;

/**
 * One key's open panes in a {@link PanedTimeWindowOp}, held in memory beside the store: each
 * pane's start, its store key and its aggregate (the same object the store holds), in order of
 * their starts. A closing window merges the key's panes it covers from here, without reading the
 * store; the store stays the record of every pane (changelogged, restored), and this is rebuilt
 * from it after a restart.
 *
 * <p>A key has few open panes (a window's size over its advance, plus any opened ahead of the
 * watermark), so the panes are kept in short arrays searched from the start.
 *
 * <p>Threading: the task's thread only.
 */
final class KeyPanes {

  /** The key's bytes, as the key serde writes them. */
  final byte[] keyBytes;
  /** The end (ms) of the window this key was last emitted for: a window emits a key once. */
  long emittedEnd = Long.MIN_VALUE;
  private Object key;
  private long[] starts;
  private byte[][] storeKeys;
  private Object[] aggregates;
  private int count;

  /**
   * @param keyBytes the key's bytes
   * @param capacity the number of panes to make room for at first
   */
  KeyPanes(byte[] keyBytes, int capacity) {
    this.keyBytes = keyBytes;
    this.starts = new long[capacity];
    this.storeKeys = new byte[capacity][];
    this.aggregates = new Object[capacity];
  }

  /** @return whether the key has no open pane */
  boolean isEmpty() {
    return count == 0;
  }

  /**
   * @param start a pane's start, ms
   * @return its index, or -1 if the key has no pane there
   */
  int indexOf(long start) {
    for (int i = 0; i < count; i++) {
      if (starts[i] == start) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Adds a pane the key has no pane at yet, in order of starts.
   *
   * @param start the pane's start, ms
   * @param storeKey its key in the store
   * @param aggregate its aggregate
   * @return its index
   */
  int open(long start, byte[] storeKey, Object aggregate) {
    if (count == starts.length) {
      int grown = count * 2;
      starts = Arrays.copyOf(starts, grown);
      storeKeys = Arrays.copyOf(storeKeys, grown);
      aggregates = Arrays.copyOf(aggregates, grown);
    }
    int at = count;
    while (at > 0 && starts[at - 1] > start) {
      at--; // a record for an earlier pane than the key's latest (out of order): rare
    }
    System.arraycopy(starts, at, starts, at + 1, count - at);
    System.arraycopy(storeKeys, at, storeKeys, at + 1, count - at);
    System.arraycopy(aggregates, at, aggregates, at + 1, count - at);
    starts[at] = start;
    storeKeys[at] = storeKey;
    aggregates[at] = aggregate;
    count++;
    return at;
  }

  Object aggregate(int index) {
    return aggregates[index];
  }

  void aggregate(int index, Object aggregate) {
    aggregates[index] = aggregate;
  }

  byte[] storeKey(int index) {
    return storeKeys[index];
  }

  /**
   * The merge of the key's panes that start in {@code [from, to)}, in order of their starts,
   * after {@code first}.
   *
   * @param first an aggregate to merge the panes into (a whole window's), or null
   * @param from the first start, ms
   * @param to the start after the last, ms
   * @param key the key, as the merge takes it
   * @param merge the aggregation's merge
   * @return the merge, or {@code first} if no pane starts there
   */
  Object merge(Object first, long from, long to, Object key, AggregateNode.Merge merge) {
    Object total = first;
    for (int i = 0; i < count; i++) {
      long s = starts[i];
      if (s >= from && s < to) {
        total = total == null ? aggregates[i] : merge.apply(key, total, aggregates[i]);
      }
    }
    return total;
  }

  /**
   * Removes the pane at {@code start}, whose last window closed.
   *
   * @param start its start, ms
   * @return its store key, or null if the key had no pane there
   */
  byte[] close(long start) {
    int i = indexOf(start);
    if (i < 0) {
      return null;
    }
    byte[] storeKey = storeKeys[i];
    int tail = count - i - 1;
    System.arraycopy(starts, i + 1, starts, i, tail);
    System.arraycopy(storeKeys, i + 1, storeKeys, i, tail);
    System.arraycopy(aggregates, i + 1, aggregates, i, tail);
    count--;
    storeKeys[count] = null;
    aggregates[count] = null;
    return storeKey;
  }

  /** @return the key object, deserialized once from {@link #keyBytes} and then shared by the key's windows */
  Object key(Serde<Object> keySerde) {
    if (key == null) {
      key = keySerde.fromBytes(keyBytes);
    }
    return key;
  }
}
