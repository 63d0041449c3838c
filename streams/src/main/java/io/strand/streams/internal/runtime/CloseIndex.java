package io.strand.streams.internal.runtime;

import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The open windows of one time-window operator by the event time at which the watermark next acts
 * on them (fires on time, or closes), kept in memory rather than in the store: an index entry in
 * the store cost a changelog record when the window opened and another when it closed, and its
 * cache space. Rebuilt from the store's window keys when the task starts (after a restore, so from
 * the changelog), each window's due time computed from its key and the operator's watermark.
 *
 * <p>Memory: one entry (the window key) per open window of the task. Threading: the task's thread.
 */
final class CloseIndex {

  /**
   * Due time to window keys, in the order they were added; {@link #takeDue} sorts each due time's
   * keys into the store's (unsigned byte) order, so firings come in one order. Sorting once when
   * they fire costs less than keeping a sorted set per due time as windows open (one per record
   * that opens a window).
   */
  private final TreeMap<Long, ArrayList<byte[]>> due = new TreeMap<>();
  /**
   * The lists of the due times added to most recently, by {@link #slot}: records of one
   * window period open windows at the same few due times in a row (a hopping window of size
   * {@code n} advances opens {@code n} per record), so most adds find their list here without a
   * tree look-up and a boxed key. A slot is cleared when its list is taken.
   */
  private static final int RECENT = 16;
  private final long[] recentDueMs = new long[RECENT];
  @SuppressWarnings("unchecked")
  private final ArrayList<byte[]>[] recent = new ArrayList[RECENT];

  /**
   * A due time's slot in {@link #recent}: Fibonacci hashing, as due times are often an arithmetic
   * progression (window ends every advance) whose low bits are all alike.
   */
  private static int slot(long dueMs) {
    return (int) ((dueMs * 0x9E3779B97F4A7C15L) >>> 60);
  }

  /** Notes that a window is due at {@code dueMs}. */
  void add(long dueMs, byte[] windowKey) {
    int slot = slot(dueMs);
    ArrayList<byte[]> keys = recent[slot];
    if (keys == null || recentDueMs[slot] != dueMs) {
      keys = due.computeIfAbsent(dueMs, t -> new ArrayList<>());
      recent[slot] = keys;
      recentDueMs[slot] = dueMs;
    }
    keys.add(windowKey);
  }

  /** @return the earliest due time, or {@code Long.MAX_VALUE} when no window is open */
  long next() {
    return due.isEmpty() ? Long.MAX_VALUE : due.firstKey();
  }

  /**
   * Takes the windows due at or before the watermark, earliest first.
   *
   * @param watermarkMs the watermark, ms
   * @return {@code (due time, window key)} pairs, removed from the index
   */
  List<Map.Entry<Long, byte[]>> takeDue(long watermarkMs) {
    List<Map.Entry<Long, byte[]>> taken = new ArrayList<>();
    for (Iterator<Map.Entry<Long, ArrayList<byte[]>>> it = due.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, ArrayList<byte[]>> e = it.next();
      if (e.getKey() > watermarkMs) {
        break;
      }
      ArrayList<byte[]> keys = e.getValue();
      keys.sort(Arrays::compareUnsigned);
      byte[] previous = null;
      for (byte[] windowKey : keys) {
        if (previous == null || !Arrays.equals(previous, windowKey)) { // a window noted twice fires once
          taken.add(Map.entry(e.getKey(), windowKey));
        }
        previous = windowKey;
      }
      int slot = slot(e.getKey());
      if (recent[slot] == keys) {
        recent[slot] = null;
      }
      it.remove();
    }
    return taken;
  }

  /**
   * Rebuilds the index from the window keys in the store ({@code 'd'} prefix), and deletes close
   * index entries an earlier version kept in the store ({@code 'c'} prefix).
   *
   * @param store the operator's store
   * @param dueOf a window key's due time
   */
  void rebuild(KeyValueStore<byte[], byte[]> store, ToLongFunction<byte[]> dueOf) {
    due.clear();
    Arrays.fill(recent, null);
    try (KeyValueIterator<byte[], byte[]> it = store.range(new byte[] {'d'}, new byte[] {'e'})) {
      while (it.hasNext()) {
        byte[] windowKey = it.next().getKey();
        add(dueOf.applyAsLong(windowKey), windowKey);
      }
    }
    List<byte[]> stale = new ArrayList<>();
    try (KeyValueIterator<byte[], byte[]> it = store.range(new byte[] {'c'}, new byte[] {'d'})) {
      while (it.hasNext()) {
        Entry<byte[], byte[]> e = it.next();
        stale.add(e.getKey());
      }
    }
    stale.forEach(store::delete);
  }
}
