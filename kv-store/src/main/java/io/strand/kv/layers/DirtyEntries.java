package io.strand.kv.layers;

import io.strand.kv.layers.SlotTable.Slot;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The object cache's slots written but not yet sent down, in the order they became dirty. A slot
 * that stops being dirty before the next write-down (dropped, or evicted and written down alone)
 * stays in the list, marked clean, and is skipped: removing it from the middle would cost a scan.
 *
 * <p>Threading: not thread-safe; the owning cache's task thread.
 */
final class DirtyEntries {
  private final List<Slot> slots;
  /** Slots of {@link #slots} no longer dirty since it was last cleared, skipped there. */
  private int skipped;

  /**
   * @param expected how many slots the list will likely hold at most (its initial room)
   */
  DirtyEntries(int expected) {
    this.slots = new ArrayList<>(expected);
  }

  /**
   * Adds a slot that has just become dirty.
   *
   * @param slot a slot marked dirty, not in the list since it was last cleared
   */
  void add(Slot slot) {
    slots.add(slot);
  }

  /**
   * A slot of the list stopped being dirty (the caller cleared its flag): it no longer counts, and
   * once such slots are most of the list they are taken out. Left in, they made every range merge
   * look through them and counted in the range-merge rule as dirty entries: the flights sample's
   * hourly windows, each opened and closed between two commits, grew the list by thousands of dead
   * slots per commit, so an hourly scan walked all of them and, after about sixty hours, wrote every
   * open window down only to read it back and delete it. Amortized one removal per cleaned slot;
   * the order of the live ones is kept.
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

  /** @return the list's length, clean slots included: what a look through it reads */
  int length() {
    return slots.size();
  }

  /** @return the list as it is, clean slots included; the caller must not change it */
  List<Slot> view() {
    return slots;
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

  /** Empties the list after a write-down (every slot in it is clean by then). */
  void clear() {
    slots.clear();
    skipped = 0;
  }

  /**
   * Forgets slots whose writes are dropped ({@link CachedStore#dropAll}).
   *
   * @param gone the slots, by identity
   */
  void removeAll(Set<Slot> gone) {
    slots.removeIf(gone::contains);
  }
}
