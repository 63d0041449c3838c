package io.strand.kv.layers;

import io.strand.kv.layers.SlotTable.Slot;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueStore;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The object cache's slots on their way in and down ({@link CachedStore}): insertion, with
 * CLOCK's eviction when the cache is full; the drop of a slot whose key nothing below holds; the
 * removal of dropped keys' slots with their pending writes; the write-downs of dirty and logged
 * entries; and the byte budget's capacity after each. The cache decides when each runs.
 *
 * <p>Threading: not thread-safe; the owning cache's task thread.
 */
final class CacheSlots {
  private final KeyValueStore<Object, Object> below;
  private final SlotTable cache;
  private final DirtyEntries dirty;
  /** Deferred engine writes, or null when the layer below does not split writes. */
  private final LoggedEntries logged;
  private final CacheBudget budget;
  private final CacheCoverage coverage;
  private final LastKey last;

  /**
   * @param below the layer below the cache
   * @param cache the cache's slots
   * @param dirty its dirty entries
   * @param logged its deferred engine writes, or null
   * @param budget its budget
   * @param coverage whether a miss needs a read below, told of each eviction
   * @param last the last key's slot, forgotten when slots leave
   */
  CacheSlots(KeyValueStore<Object, Object> below, SlotTable cache, DirtyEntries dirty, LoggedEntries logged,
      CacheBudget budget, CacheCoverage coverage, LastKey last) {
    this.below = below;
    this.cache = cache;
    this.dirty = dirty;
    this.logged = logged;
    this.budget = budget;
    this.coverage = coverage;
    this.last = last;
  }

  /** Writes the dirty entries down once a batch of them is dirty. */
  void writeDirtyIfFull() {
    if (dirty.count() >= budget.batchSize()) {
      writeDirty();
    }
  }

  /**
   * Deletes a key that the layers below do not hold: nothing needs to go down, so its slot leaves
   * the cache (a dirty one stays in the dirty list, marked clean, and is skipped there). A
   * window opened and closed between two write-downs then costs the changelog and the engine
   * nothing, and its slot no longer takes cache room until CLOCK evicts it.
   */
  void drop(Slot slot) {
    slot.value = null;
    if (slot.dirty) {
      slot.dirty = false; // first: the dirty list may take clean slots out as it counts this one
      dirty.cleaned();
    }
    cache.remove(slot);
    last.forget();
  }

  /**
   * Takes keys' slots out of the cache without writing anything of theirs down: a dirty or logged
   * write of theirs is dropped too ({@link CachedStore#dropAll}, whose caller deletes the keys
   * below the changelog). Keys the cache does not hold are skipped.
   */
  void forget(List<Object> keys) {
    if (cache.size() == 0) {
      return;
    }
    Set<Slot> pending = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Object key : keys) {
      Slot slot = cache.find(key, SlotTable.hash(key));
      if (slot != null) {
        cache.remove(slot);
        last.forget(); // the remembered slot may have gone; the keys go from below too, so coverage holds
        if (slot.dirty || slot.logged != null) {
          pending.add(slot);
        }
      }
    }
    if (!pending.isEmpty()) {
      dirty.removeAll(pending);
      if (logged != null) {
        logged.removeAll(pending);
      }
    }
  }

  /**
   * Adds a slot, first evicting CLOCK's victim if the cache is full: a dirty victim is written
   * down alone (a logged one, with every logged entry, as the engine must get them in order).
   * Writing every dirty entry instead, as Samza does, made a cache a little smaller than its
   * working set (open windows of a hopping window) write every entry down at every eviction,
   * so every key then also needed its deletion logged, where only the evicted ones do now.
   */
  void insert(Slot slot) {
    last.forget();
    if (budget.inserted()) {
      updateBudget();
    }
    while (cache.size() >= cache.capacity()) { // more than one when a byte budget's entries shrank
      coverage.evicted(); // the victim's key may be below, and no longer here
      Slot victim = cache.victim();
      if (victim.logged != null) {
        writeAll();
      } else if (victim.dirty) {
        below.putAll(List.of(new Entry<>(victim.key, victim.value)));
        victim.dirty = false; // stays in the dirty list, skipped there, as a dropped slot
        dirty.cleaned();
      }
      cache.remove(victim);
    }
    cache.add(slot);
  }

  /** Caches what a read below found (null: absent), clean. */
  Slot insertRead(Object key, int hash, Object value) {
    Slot read = new Slot(storedKey(key), hash, value, false);
    read.below = value != null;
    insert(read);
    return read;
  }

  /**
   * Writes every logged entry to the engine, then every dirty entry down. Older values first: a slot
   * both logged and dirty ends with its dirty value in the engine. Deferred puts have keys of their
   * own (no slot): they go down apart, when the caller needs them.
   */
  void writeAll() {
    if (logged != null) {
      logged.writeToEngine();
    }
    writeDirty();
  }

  /** Writes every dirty entry down in one batch (a logged entry it supersedes is not written to the engine). */
  void writeDirty() {
    if (dirty.isEmpty()) {
      return;
    }
    if (dirty.writeDown(below) && logged != null) {
      logged.removeSuperseded();
    }
    updateBudget();
  }

  /**
   * Writes the oldest dirty entries down, at most {@code max} ({@link DirtyEntries#writeDownOldest}).
   *
   * @return the entries written
   */
  int writeOldest(int max) {
    int written = dirty.writeDownOldest(below, max);
    if (written > 0) {
      updateBudget();
    }
    return written;
  }

  /** Follows a byte budget's entries as entry sizes are measured (see {@link CacheBudget}). */
  void updateBudget() {
    int capacity = budget.update();
    if (capacity != cache.capacity()) {
      cache.capacity(capacity);
    }
  }

  /** The key a slot keeps and writes down: the cache's own copy of a byte[] key, never the caller's array. */
  static Object storedKey(Object key) {
    return key instanceof byte[] bytes ? bytes.clone() : key;
  }
}
