package io.strand.kv.layers;

import io.strand.kv.layers.SlotTable.Slot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * write (a slot's key is serialized only when it is indexed). An indexed slot that stops being dirty
 * is taken out ({@link #remove}); a key is indexed once, by its latest slot.
 *
 * <p>Threading: not thread-safe; the owning cache's task thread.
 */
final class DirtyIndex {
  private final Function<Object, byte[]> keyBytes;
  private final TreeMap<byte[], Slot> byKey = new TreeMap<>(Arrays::compareUnsigned);
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
      byKey.put(bytesOf(slot), slot);
    }
  }

  /**
   * Takes out a slot that stopped being dirty (or whose write is dropped); nothing if another slot
   * of its key is indexed (a newer one: the key went out of the cache and came back).
   *
   * @param slot the slot
   */
  void remove(Slot slot) {
    if (built && slot.keyBytes != null) {
      byKey.remove(slot.keyBytes, slot);
    }
  }

  /** Forgets every slot and stops keeping the index up to date until the next {@link #between}. */
  void clear() {
    if (built) {
      byKey.clear();
      built = false;
    }
  }

  /** @return the slots indexed (0 when not built) */
  int size() {
    return byKey.size();
  }

  /**
   * The dirty entries whose serialized keys lie in {@code [from, to)}: the values as copies (the
   * scan shows the values as of now, whatever the task writes while it iterates), in key order,
   * and apart from them the deletions of keys that may be below. Builds the index first if it is
   * not built.
   *
   * @param dirty the dirty list, in the order the slots became dirty (clean slots in it are
   *     skipped); read only when the index is not built
   * @param from the scan's first key, serialized
   * @param to the scan's end key (exclusive), serialized
   * @return the slots in range; empty if none
   */
  InRange between(List<Slot> dirty, byte[] from, byte[] to) {
    if (!built) {
      built = true;
      for (Slot slot : dirty) {
        if (slot.dirty) {
          byKey.put(bytesOf(slot), slot);
        }
      }
    }
    if (byKey.isEmpty() || Arrays.compareUnsigned(from, to) >= 0) {
      return InRange.NONE;
    }
    List<Slot> values = List.of();
    List<Slot> deletesBelow = List.of();
    for (Map.Entry<byte[], Slot> e : byKey.subMap(from, true, to, false).entrySet()) {
      Slot slot = e.getValue();
      if (!slot.dirty) {
        continue; // every slot that stops being dirty is taken out; this only guards that
      }
      if (slot.value == null && slot.below) {
        if (deletesBelow.isEmpty()) {
          deletesBelow = new ArrayList<>();
        }
        deletesBelow.add(slot);
        continue;
      }
      if (values.isEmpty()) {
        values = new ArrayList<>();
      }
      Slot copy = new Slot(slot.key, slot.hash, slot.value, true);
      copy.keyBytes = slot.keyBytes;
      values.add(copy);
    }
    return values.isEmpty() && deletesBelow.isEmpty() ? InRange.NONE : new InRange(values, deletesBelow);
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
