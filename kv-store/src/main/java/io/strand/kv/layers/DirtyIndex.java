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
 * <p>Dropped (as by a write-down) when more slots were added since the last scan than
 * {@link #idleAdds} allows: at least {@value #IDLE_ADDS} and as many as were indexed at that scan.
 * Keeping it up to date costs every write a search and a shift, and a fold now and then, for scans
 * that may not come: a windowed aggregation scans its store once, at its first record, to rebuild
 * its close index, then only writes until the next write-down (session 19's JFR of Nexmark q5:
 * the index's adds and folds were 3-7 % of the task thread until the first write-down, which in
 * a short run is most of it). A store that scans again pays one rebuild from the dirty list, a
 * sort of what the dropped index would have folded, so the dropped upkeep costs no more than
 * that rebuild; a store that scans often (a join, every record) never reaches the limit.
 *
 * <p>Shape: an array of the slots sorted by key, and a short tail of slots added since (at most
 * {@value #TAIL}, or the square root of the array's slots if more), also sorted by key: an add is a
 * binary search of the tail and a shift of the slots after its place; a scan is a binary search in
 * each and a merge of what lies in its range; a full tail is merged into the array (linear in the
 * array). A slot that stops being dirty stays until the next fold and is skipped. Before that
 * (session 11) the tail was unsorted: every scan compared its range with every tail slot, and a
 * fold sorted; with the join's scan per record those comparisons (a read of a slot and of its key
 * array each) and the folds' sorts made up the index's 21 % of the task thread. A {@code TreeMap} cost more still:
 * its inserts and sub-map look-ups, a walk through scattered nodes each, were 23 % (JFR, 500 dirty
 * entries).
 *
 * <p>Threading: not thread-safe; the owning cache's task thread.
 */
final class DirtyIndex {
  /**
   * Slots added since the last fold, at most, while the sorted slots are up to {@code TAIL * TAIL}
   * (an add shifts half of them on average). Beyond that the tail may grow to the square
   * root of the sorted slots, so a fold (linear in them) costs a write O(sqrt n) rather than O(n).
   */
  static final int TAIL = 64;
  /** Adds without a scan after which the index is dropped, at least (see {@link #idleAdds}). */
  static final int IDLE_ADDS = 4 * TAIL;
  private static final Comparator<Slot> BY_KEY = (a, b) -> Arrays.compareUnsigned(a.keyBytes, b.keyBytes);

  private final Function<Object, byte[]> keyBytes;
  /** Indexed slots in key order, each key once; some may be clean since, skipped (and dropped at the next fold). */
  private Slot[] sorted = new Slot[0];
  private int sortedCount;
  /** Slots added since the last fold, in key order (equal keys in the order they became dirty). */
  private Slot[] tail = new Slot[TAIL];
  /** The sorted array before the last fold, emptied, reused by the next one. */
  private Slot[] spare;
  private int tailCount;
  private boolean built;
  /** Slots added since the last scan (or the build), and how many were indexed at that scan. */
  private int addsSinceScan;
  private int indexedAtScan;
  /** A key of the index (null while it is empty): every indexed key shares its first {@link #shared} bytes. */
  private byte[] ref;
  /** How many leading bytes every indexed key shares with {@link #ref}; each slot's window starts here. */
  private int shared;
  /** The window of the probe bound last prepared ({@link #prepare}), and whether it has one. */
  private long probeWindow;
  private boolean probeShares;

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
   * Indexes a slot that has just become dirty; nothing while the index is not {@link #built}, and
   * nothing once the slots added since the last scan pass {@link #idleAdds} (the index is dropped).
   * The slot goes into the sorted tail at its key's place, after the slots of equal keys (a binary
   * search of the tail and a shift of the slots after it); a full tail is first folded into the
   * sorted slots.
   *
   * @param slot a dirty slot
   */
  void add(Slot slot) {
    if (built && ++addsSinceScan > idleAdds()) {
      clear(); // no scan for a while: stop the upkeep; the next scan rebuilds from the dirty list
    }
    if (built) {
      byte[] key = bytesOf(slot);
      if (tailCount >= Math.max(TAIL, (int) Math.sqrt(sortedCount))) {
        fold();
      }
      windowOf(slot);
      if (tailCount == tail.length) {
        tail = Arrays.copyOf(tail, tail.length * 2);
      }
      prepare(key);
      int at = upperBound(tail, tailCount, key);
      System.arraycopy(tail, at, tail, at + 1, tailCount - at);
      tail[at] = slot;
      tailCount++;
    }
  }

  /** @return how many adds without a scan the index is kept up to date for */
  private int idleAdds() {
    return Math.max(IDLE_ADDS, indexedAtScan);
  }

  /** Forgets every slot and stops keeping the index up to date until the next {@link #between}. */
  void clear() {
    if (built) {
      Arrays.fill(sorted, 0, sortedCount, null);
      Arrays.fill(tail, 0, tailCount, null);
      sortedCount = 0;
      tailCount = 0;
      built = false;
      ref = null;
      shared = 0;
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
    addsSinceScan = 0;
    indexedAtScan = sortedCount + tailCount;
    if (sortedCount + tailCount == 0 || Arrays.compareUnsigned(from, to) >= 0) {
      return InRange.NONE;
    }
    // Two sorted runs, each found by a binary search, merged by key (the sorted part first among
    // equal keys): a probe that finds nothing costs two searches, no walk.
    prepare(from);
    int i = lowerBound(sorted, sortedCount, from);
    int j = lowerBound(tail, tailCount, from);
    prepare(to);
    List<Slot> found = null;
    while (true) {
      Slot a = i < sortedCount && compare(sorted[i], to) < 0 ? sorted[i] : null;
      Slot b = j < tailCount && compare(tail[j], to) < 0 ? tail[j] : null;
      Slot next;
      if (a == null && b == null) {
        break;
      } else if (b == null || (a != null && compare(a, b) <= 0)) {
        next = a;
        i++;
      } else {
        next = b;
        j++;
      }
      if (next.dirty) {
        found = add(found, next);
      }
    }
    if (found == null) {
      return InRange.NONE;
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
    for (int i = 0; i < sortedCount; i++) {
      windowOf(sorted[i]);
    }
  }

  /**
   * Folds the tail into the sorted slots: the dirty ones of both, merged in key order (the sorted
   * slots first among equal keys), each slot once. A copy of the sorted slots, amortized over the
   * tail's adds.
   */
  private void fold() {
    Slot[] all = spare != null && spare.length >= sortedCount + tailCount ? spare
        : new Slot[Math.max(16, (sortedCount + tailCount) * 3 / 2)];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < sortedCount || j < tailCount) {
      Slot next;
      if (j == tailCount || (i < sortedCount
          && compare(sorted[i], tail[j]) <= 0)) {
        next = sorted[i++];
      } else {
        next = tail[j++];
      }
      if (next.dirty && (n == 0 || all[n - 1] != next)) {
        all[n++] = next;
      }
    }
    Arrays.fill(tail, 0, tailCount, null);
    tailCount = 0;
    Arrays.fill(sorted, 0, sortedCount, null);
    spare = sorted;
    sorted = all;
    sortedCount = n;
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

  /** The first position of {@code slots}' first {@code n} whose key is not below {@code key}. */
  private int lowerBound(Slot[] slots, int n, byte[] key) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(slots[mid], key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first position of {@code slots}' first {@code n} whose key is above {@code key}. */
  private int upperBound(Slot[] slots, int n, byte[] key) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(slots[mid], key) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Sets a slot's window, first shortening the shared prefix if the slot's key does not have it
   * (then every indexed slot's window is taken again: rare, as a store's keys mostly share a
   * prefix, such as the join's {@code ['d'][key length][key's high bytes]}).
   */
  private void windowOf(Slot slot) {
    byte[] key = slot.keyBytes;
    if (ref == null) {
      ref = key;
      shared = key.length;
    } else if (key.length < shared || !Arrays.equals(key, 0, shared, ref, 0, shared)) {
      int m = Arrays.mismatch(key, 0, Math.min(shared, key.length), ref, 0, shared);
      shared = m < 0 ? Math.min(shared, key.length) : m;
      for (int i = 0; i < sortedCount; i++) {
        sorted[i].keyWindow = window(sorted[i].keyBytes, shared);
      }
      for (int i = 0; i < tailCount; i++) {
        tail[i].keyWindow = window(tail[i].keyBytes, shared);
      }
    }
    slot.keyWindow = window(key, shared);
  }

  /** Takes a probe key's window for the {@link #compare}s that follow, if it has the shared prefix. */
  private void prepare(byte[] probe) {
    probeShares = ref != null && probe.length >= shared && Arrays.equals(probe, 0, shared, ref, 0, shared);
    probeWindow = probeShares ? window(probe, shared) : 0;
  }

  /**
   * A slot's key against the probe last {@link #prepare}d: by the windows first, reading the key
   * only on a tie. Both share the first {@link #shared} bytes, so the windows' unsigned order is the
   * keys' (a shorter key's window is padded with zeros: where they differ, the padded one is the
   * shorter key, which is below the other).
   */
  private int compare(Slot slot, byte[] probe) {
    if (probeShares) {
      int c = Long.compareUnsigned(slot.keyWindow, probeWindow);
      if (c != 0) {
        return c;
      }
    }
    return Arrays.compareUnsigned(slot.keyBytes, probe);
  }

  /** Two indexed slots' keys, by their windows first. */
  private static int compare(Slot a, Slot b) {
    int c = Long.compareUnsigned(a.keyWindow, b.keyWindow);
    return c != 0 ? c : Arrays.compareUnsigned(a.keyBytes, b.keyBytes);
  }

  /** The 8 bytes of {@code key} from {@code from}, big-endian, zero-padded past its end. */
  private static long window(byte[] key, int from) {
    long w = 0;
    for (int i = from; i < from + 8; i++) {
      w = (w << 8) | (i < key.length ? key[i] & 0xff : 0);
    }
    return w;
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
