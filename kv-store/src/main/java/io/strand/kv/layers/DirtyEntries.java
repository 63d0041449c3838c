package io.strand.kv.layers;

import io.strand.kv.layers.SlotTable.Slot;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The object cache's slots written but not yet sent down, in the order they became dirty. A slot
 * that stops being dirty before the next write-down (dropped, or evicted and written down alone)
 * stays in the list, marked clean, and is skipped: removing it from the middle would cost a scan.
 *
 * <p>Range scans find the dirty entries of their range through a {@link DirtyIndex} by key, which
 * this class keeps up to date once a scan has built it.
 *
 * <p>Threading: not thread-safe; the owning cache's task thread.
 */
final class DirtyEntries {
  private final List<Slot> slots;
  private final DirtyIndex index;
  /** Slots of {@link #slots} no longer dirty since it was last cleared, skipped there. */
  private int skipped;

  /**
   * @param expected how many slots the list will likely hold at most (its initial room)
   * @param keyBytes the key serde's view of a key (bytes that order it as the engine does), for
   *     range scans
   */
  DirtyEntries(int expected, Function<Object, byte[]> keyBytes) {
    this.slots = new ArrayList<>(expected);
    this.index = new DirtyIndex(keyBytes);
  }

  /**
   * Adds a slot that has just become dirty.
   *
   * @param slot a slot marked dirty, not in the list since it was last cleared
   */
  void add(Slot slot) {
    slots.add(slot);
    index.add(slot);
  }

  /**
   * A slot of the list stopped being dirty (the caller cleared its flag): it no longer counts, and
   * once such slots are most of the list they are taken out. Left in, they made every range merge
   * look through them and counted in the range-merge rule as dirty entries: the flights sample's
   * hourly windows, each opened and closed between two commits, grew the list by thousands of dead
   * slots per commit, so an hourly scan walked all of them and, after about sixty hours, wrote every
   * open window down only to read it back and delete it. Amortized one removal per cleaned slot;
   * the order of the live ones is kept. The index by key skips such slots by their flag.
   */
  void cleaned() {
    skipped++;
    if (skipped >= 32 && skipped * 2 > slots.size()) {
      slots.removeIf(s -> !s.dirty);
      skipped = 0;
    }
  }

  /** @return slots still dirty */
  int count() {
    return slots.size() - skipped;
  }

  /** @return true if nothing was added since the last {@link #clear} (not even a slot now clean) */
  boolean isEmpty() {
    return slots.isEmpty();
  }

  /**
   * The dirty entries of a key range, through the index by key (built now if a write-down cleared
   * it): see {@link DirtyIndex#between}.
   *
   * @param from the scan's first key, serialized
   * @param to the scan's end key (exclusive), serialized
   * @return the slots in range; empty if none
   */
  DirtyIndex.InRange between(byte[] from, byte[] to) {
    return index.between(slots, from, to);
  }

  /**
   * Writes deletions of keys below down at once, ahead of the other dirty entries (each key's own
   * order is kept: a deletion is its latest write), as one {@code putAll}, and marks their slots
   * clean and not below.
   *
   * @param deletes dirty slots with a null value
   * @param below the store below the cache
   * @throws RuntimeException what {@code below} throws; the slots then stay dirty
   */
  void writeDeletes(List<Slot> deletes, KeyValueStore<Object, Object> below) {
    List<Entry<Object, Object>> batch = new ArrayList<>(deletes.size());
    for (Slot slot : deletes) {
      batch.add(new Entry<>(slot.key, null));
    }
    below.putAll(batch);
    for (Slot slot : deletes) {
      slot.dirty = false;
      slot.below = false;
      cleaned();
    }
  }

  /** @return the slots still dirty, in the order they became dirty */
  List<Slot> stillDirty() {
    List<Slot> still = new ArrayList<>(slots.size());
    for (Slot slot : slots) {
      if (slot.dirty) {
        still.add(slot);
      }
    }
    return still;
  }

  /**
   * Writes the slots still dirty below as one {@code putAll} (a null value deletes), in the order
   * they became dirty, marks them clean and empties the list.
   *
   * <p>A value a commit logged ({@link LoggedEntries}) for a slot written down here is older than
   * the one just written to the changelog and the engine: it must never reach the engine after it
   * (a later write of the logged entries would put the older value back, and a logged delete
   * would leave a slot taken as not below whose key the changelog holds, so that deleting it again
   * sent nothing: the deleted key came back at restore). Such a slot's logged entry is cleared
   * here; the caller then drops it from the logged entries ({@link LoggedEntries#removeSuperseded}).
   *
   * @param below the store below the cache
   * @return true if a slot written down had a logged entry, now cleared
   * @throws RuntimeException what {@code below} throws; the slots then stay dirty, so the next
   *     write-down retries them
   */
  boolean writeDown(KeyValueStore<Object, Object> below) {
    List<Slot> written = stillDirty();
    List<Entry<Object, Object>> batch = new ArrayList<>(written.size());
    for (Slot slot : written) {
      batch.add(new Entry<>(slot.key, slot.value));
    }
    if (!batch.isEmpty()) {
      below.putAll(batch);
    }
    boolean superseded = false;
    for (Slot slot : written) {
      slot.dirty = false;
      superseded |= slot.logged != null;
      slot.logged = null;
      slot.below = slot.value != null;
    }
    clear();
    return superseded;
  }

  /**
   * Writes the oldest slots still dirty below, at most {@code max} of them, as one {@code putAll}
   * (a null value deletes), in the order they became dirty, marks them clean and takes them out of
   * the list; the younger ones stay dirty, in order. A key written again later becomes dirty again
   * and joins the end of the list, so each key's writes still go down in order. The index by key
   * skips the written slots by their flag, as it skips every slot cleaned between two write-downs.
   *
   * <p>Not for a cache with logged entries (exactly-once): a written slot's logged entry would
   * have to be superseded as in {@link #writeDown}.
   *
   * @param below the store below the cache
   * @param max the most slots to write, at least 1
   * @return the slots written
   * @throws RuntimeException what {@code below} throws; the slots then stay dirty
   */
  int writeDownOldest(KeyValueStore<Object, Object> below, int max) {
    List<Entry<Object, Object>> batch = new ArrayList<>(Math.min(max, slots.size()));
    int end = 0;
    while (end < slots.size() && batch.size() < max) {
      Slot slot = slots.get(end++);
      if (slot.dirty) {
        batch.add(new Entry<>(slot.key, slot.value));
      }
    }
    if (batch.isEmpty()) {
      return 0;
    }
    below.putAll(batch);
    List<Slot> prefix = slots.subList(0, end);
    for (Slot slot : prefix) {
      if (slot.dirty) {
        slot.dirty = false;
        slot.below = slot.value != null;
      }
    }
    prefix.clear();
    // Counted again: a slot cleaned and written again (writeDeletes) is in the list twice, and
    // the written one may have left its second place clean further on.
    int clean = 0;
    for (Slot slot : slots) {
      if (!slot.dirty) {
        clean++;
      }
    }
    skipped = clean;
    return batch.size();
  }

  /** Empties the list after a write-down (every slot in it is clean by then). */
  void clear() {
    slots.clear();
    skipped = 0;
    index.clear();
  }

  /**
   * Forgets slots whose writes are dropped ({@link CachedStore#dropAll}).
   *
   * @param gone the slots, by identity
   */
  void removeAll(Set<Slot> gone) {
    slots.removeIf(gone::contains);
    for (Slot slot : gone) {
      slot.dirty = false; // their writes are dropped: the index skips them
    }
  }
}
