package io.strand.kv.layers;

import io.strand.kv.layers.SlotTable.Slot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The object cache's dirty entries sorted by serialized key, for range scans: a scan finds the dirty
 * entries of its range with one sub-map lookup ({@link #between}) instead of a walk and a sort of the
 * whole dirty list, and so no longer needs the dirty entries written down first when scans come
 * often.
 *
 * <p>Why: a stream-stream join probes the other side's buffer for every record, and in timestamp
 * order both sides advance together, so every probe found the other buffer's newest writes still
 * dirty. Walking and sorting the dirty list was 7 % of the join's task thread (session 10's JFR),
 * and the rule that then wrote every dirty entry down after about 16 probes made batches of some
 * 24 writes, each to 16 changelog partitions: many small producer batches (another 9 %).
 *
 * <p>Built at the first {@link #between} after it was {@link #clear}ed (a write-down), from the dirty
 * list as it is then, and kept up to date by {@link DirtyEntries} from then on until the next
 * write-down: a store that never scans, or scans once between two write-downs, pays nothing per
 * write (a slot's key is serialized only when it is indexed).
 *
 * <p>Shape: an array of the slots sorted by key, which a scan binary-searches, and a short tail of
 * slots added since (at most {@value #TAIL}, or the square root of the array's slots if more),
 * which a scan looks through; a full tail is folded into the array (a merge, linear in the array). A slot that stops being dirty stays until the next
 * fold and is skipped. A {@code TreeMap} cost more: its inserts and sub-map look-ups, a walk
 * through scattered nodes each, were 23 % of the join's task thread (JFR, 500 dirty entries).
 *
 * <p>Threading: not thread-safe; the owning cache's task thread.
 */
final class DirtyIndex {
  /**
   * Slots added since the last fold, at most, while the sorted slots are up to {@code TAIL * TAIL}:
   * what a scan looks through beyond its binary search. Beyond that the tail may grow to the square
   * root of the sorted slots, so a fold (linear in them) costs a write O(sqrt n) rather than O(n).
   */
  static final int TAIL = 32;
  private static final Comparator<Slot> BY_KEY = (a, b) -> Arrays.compareUnsigned(a.keyBytes, b.keyBytes);

  private final Function<Object, byte[]> keyBytes;
  /** Indexed slots in key order, each key once; some may be clean since, skipped (and dropped at the next fold). */
  private Slot[] sorted = new Slot[0];
  private int sortedCount;
  /** Slots added since the last fold, in the order they became dirty. */
  private Slot[] tail = new Slot[TAIL];
  private int tailCount;
  private boolean built;

  /**
   * @param keyBytes the key serde's view of a key (bytes that order it as the engine does)
   */
  DirtyIndex(Function<Object, byte[]> keyBytes) {
    this.keyBytes = keyBytes;
  }

  /** @return true while the index is kept up to date (from its first {@link #between} to the next {@link #clear}) */
  boolean built() {
    return built;
  }

  /**
   * Indexes a slot that has just become dirty; nothing while the index is not {@link #built}.
   *
   * @param slot a dirty slot
   */
  void add(Slot slot) {
    if (built) {
      bytesOf(slot);
      if (tailCount >= Math.max(TAIL, (int) Math.sqrt(sortedCount))) {
        fold();
      }
      if (tailCount == tail.length) {
        tail = Arrays.copyOf(tail, tail.length * 2);
      }
      tail[tailCount++] = slot;
    }
  }

  /** Forgets every slot and stops keeping the index up to date until the next {@link #between}. */
  void clear() {
    if (built) {
      Arrays.fill(sorted, 0, sortedCount, null);
      Arrays.fill(tail, 0, tailCount, null);
      sortedCount = 0;
      tailCount = 0;
      built = false;
    }
  }

  /**
   * The dirty entries whose serialized keys lie in {@code [from, to)}: the values as copies (the
   * scan shows the values as of now, whatever the task writes while it iterates), in key order,
   * and apart from them the deletions of keys that may be below. Builds the index first if it is
   * not built. A slot no longer dirty is left out: the cache clears a slot's flag whenever its
   * write goes down or is dropped, and holds at most one dirty slot per key.
   *
   * @param dirty the dirty list, in the order the slots became dirty (clean slots in it are
   *     skipped); read only when the index is not built
   * @param from the scan's first key, serialized
   * @param to the scan's end key (exclusive), serialized
   * @return the slots in range; empty if none
   */
  InRange between(List<Slot> dirty, byte[] from, byte[] to) {
    if (!built) {
      build(dirty);
    }
    if (sortedCount + tailCount == 0 || Arrays.compareUnsigned(from, to) >= 0) {
      return InRange.NONE;
    }
    List<Slot> found = null;
    for (int i = lowerBound(from); i < sortedCount && Arrays.compareUnsigned(sorted[i].keyBytes, to) < 0; i++) {
      if (sorted[i].dirty) {
        found = add(found, sorted[i]);
      }
    }
    int fromSorted = found == null ? 0 : found.size();
    for (int i = 0; i < tailCount; i++) {
      Slot slot = tail[i];
      if (slot.dirty && Arrays.compareUnsigned(slot.keyBytes, from) >= 0 && Arrays.compareUnsigned(slot.keyBytes, to) < 0) {
        found = add(found, slot);
      }
    }
    if (found == null) {
      return InRange.NONE;
    }
    if (found.size() > fromSorted) {
      found.sort(BY_KEY); // stable: the sorted part's order is kept, the tail's slots go in among it
    }
    List<Slot> values = List.of();
    List<Slot> deletesBelow = List.of();
    Slot previous = null;
    for (Slot slot : found) {
      if (slot == previous) {
        continue; // in the sorted part and again in the tail: dirty again since a fold
      }
      previous = slot;
      if (slot.value == null && slot.below) {
        deletesBelow = add(deletesBelow.isEmpty() ? null : deletesBelow, slot);
        continue;
      }
      Slot copy = new Slot(slot.key, slot.hash, slot.value, true);
      copy.keyBytes = slot.keyBytes;
      values = add(values.isEmpty() ? null : values, copy);
    }
    return new InRange(values, deletesBelow);
  }

  private static List<Slot> add(List<Slot> list, Slot slot) {
    List<Slot> l = list == null ? new ArrayList<>() : list;
    l.add(slot);
    return l;
  }

  private void build(List<Slot> dirty) {
    built = true;
    Slot[] all = new Slot[dirty.size()];
    int n = 0;
    for (Slot slot : dirty) {
      if (slot.dirty) {
        bytesOf(slot);
        all[n++] = slot;
      }
    }
    sortDistinct(all, n);
  }

  /**
   * Folds the tail into the sorted slots: the dirty ones of both, sorted (a sorted run and a short
   * one, which the sort merges in linear time), each slot once. Amortized over {@value #TAIL}
   * adds, a copy of the sorted slots.
   */
  private void fold() {
    Slot[] all = new Slot[sortedCount + tailCount];
    int n = 0;
    for (int i = 0; i < sortedCount; i++) {
      if (sorted[i].dirty) {
        all[n++] = sorted[i];
      }
    }
    for (int i = 0; i < tailCount; i++) {
      if (tail[i].dirty) {
        all[n++] = tail[i];
      }
      tail[i] = null;
    }
    tailCount = 0;
    sortDistinct(all, n);
  }

  private void sortDistinct(Slot[] all, int n) {
    Arrays.sort(all, 0, n, BY_KEY);
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (kept == 0 || all[kept - 1] != all[i]) {
        all[kept++] = all[i];
      }
    }
    Arrays.fill(all, kept, n, null);
    sorted = all;
    sortedCount = kept;
  }

  /** The first position of {@link #sorted} whose key is not below {@code key}. */
  private int lowerBound(byte[] key) {
    int lo = 0;
    int hi = sortedCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Arrays.compareUnsigned(sorted[mid].keyBytes, key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private byte[] bytesOf(Slot slot) {
    if (slot.keyBytes == null) {
      slot.keyBytes = slot.key instanceof byte[] b ? b : keyBytes.apply(slot.key);
    }
    return slot.keyBytes;
  }

  /**
   * A scan's dirty entries.
   *
   * @param values copies of the slots with a value, or deleted but never below, in key order
   * @param deletesBelow the slots (not copies) deleted since a value of theirs may have gone below,
   *     in key order
   */
  record InRange(List<Slot> values, List<Slot> deletesBelow) {
    static final InRange NONE = new InRange(List.of(), List.of());
  }
}
