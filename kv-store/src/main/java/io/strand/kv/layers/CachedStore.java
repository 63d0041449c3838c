package io.strand.kv.layers;

import io.strand.kv.layers.SlotTable.Slot;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import io.strand.storage.kv.WriteBehind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A cache of deserialized objects with batched writes, as Samza's {@code CachedStore}: hot
 * keys skip serialization and the engine, and writes reach the layers below (changelog, engine)
 * in batches rather than one by one.
 *
 * <ul>
 *   <li>holds up to {@code stores.<s>.object.cache.size} entries, or as many as
 *       {@code stores.<s>.object.cache.bytes} buys at the entries' measured serialized size
 *       ({@link CacheBudget}), evicting by CLOCK, an
 *       approximation of least recently used ({@link SlotTable}); absent keys are cached too, so
 *       repeated misses stay cheap; while the store below was empty when first needed (a fresh
 *       job's store) and nothing has been evicted since, a miss is known absent and reads
 *       nothing below;</li>
 *   <li>a write only marks its entry dirty; when {@code stores.<s>.write.batch.size} entries are
 *       dirty (or the cache size, if smaller), all of them go down as one {@code putAll}, a null
 *       value meaning delete; evicting a dirty entry writes it down alone; deleting a
 *       key the layers below do not hold (read there as absent, or its deletion written down, and
 *       no value written since) sends nothing down and takes its entry out of the cache, so a
 *       short-lived key (a window opened and closed between two write-downs) costs the changelog
 *       and the engine nothing;</li>
 *   <li>reads see the task's own writes at once; {@link #range} merges the dirty entries of its
 *       key range, found by key, into the scan below, and {@link #all} writes every dirty entry
 *       down first, so
 *       iteration reflects every write made before it began;</li>
 *   <li>{@link #flush} writes the dirty entries, then flushes below: at commit, this is what
 *       sends cached writes to the changelog;</li>
 *   <li>deferred puts of new keys ({@link #putBehind}, {@link BehindEntries}) take no slot and go
 *       down only at a commit (or a scan that may cover them, or an ordinary write of their key);
 *       one whose key {@link #dropAll} drops first costs the layers below nothing.</li>
 * </ul>
 *
 * <p>Deferred engine writes ({@link #flushToLog}, the exactly-once commit): the dirty entries go to
 * the changelog only and stay cached as <em>logged</em>, holding the bytes the changelog got; the
 * engine gets those bytes later, all at once, before anything needs the engine to hold them: a
 * {@link #writeLogged} (before a local snapshot), a {@link #flush} (close), a {@link #range} or
 * {@link #all}, or the eviction of a logged entry. An entry written at many commits between two
 * snapshots then reaches the engine once instead of once per commit. Reads are unaffected: a
 * logged entry is in the cache. Without a splitting layer below (no {@link SerializedStore} over a
 * byte stack), {@link #flushToLog} is {@link #flush}.
 *
 * <p>Keys are compared with {@code equals}, after the serde's view: {@code byte[]} keys are
 * compared by content (looked up without a copy, copied when inserted). Values are cached by
 * reference, so a task that mutates an object after {@code put} changes what a later {@code get}
 * returns, as in Samza.
 *
 * <p>Parts: {@link SlotTable} (index and CLOCK), {@link CacheSlots} (insertion, eviction and
 * write-downs), {@link DirtyEntries} (writes not yet sent down), {@link LoggedEntries} (deferred
 * engine writes), {@link BehindEntries} (deferred puts and an owner's held puts),
 * {@link CacheScan} (range scans), {@link DirtyIndex} (dirty entries by key, for scans),
 * {@link CacheCoverage} (whether a miss needs a read below), {@link LastKey} (the last key's
 * slot). This class decides when each acts; each slot's flags are changed here and by those parts.
 *
 * <p>Threading: not thread-safe; one task thread.
 */
public final class CachedStore implements KeyValueStore<Object, Object>, WriteBehind<Object, Object> {
  private final KeyValueStore<Object, Object> below;
  private final Function<Object, byte[]> keyBytes;
  private final StoreMetrics metrics;
  private final SlotTable cache;
  private final DirtyEntries dirty;
  /** Deferred engine writes, when the layer below can split a write into log and engine parts; else null. */
  private final LoggedEntries logged;
  private final CacheCoverage coverage;
  private final LastKey last = new LastKey();
  /** Deferred puts of new keys ({@link #putBehind}), outside the slots. */
  private final BehindEntries behind;
  private final CacheScan scan;
  private final CacheSlots slots;

  /**
   * Wraps a store, with a cache sized in entries or by a budget in bytes.
   *
   * @param below the serialization layer; a {@link SerializedStore} measures entry sizes for a
   *     byte budget
   * @param keyBytes the key serde's view of a key (bytes that order it as the engine does), for
   *     {@link #range}
   * @param capacity cache size in entries, at least 1; under a byte budget, the most entries
   * @param capacityBytes the cache's budget in bytes ({@code stores.<s>.object.cache.bytes}), 0 for
   *     none
   * @param writeBatchSize dirty entries that trigger a write-down, at least 1 (at most the cache's
   *     entries)
   * @param metrics where hits and misses are counted
   * @throws IllegalArgumentException if a size is below 1, or the budget negative
   */
  public CachedStore(KeyValueStore<Object, Object> below, Function<Object, byte[]> keyBytes, int capacity,
      long capacityBytes, int writeBatchSize, StoreMetrics metrics) {
    if (capacity < 1 || writeBatchSize < 1 || capacityBytes < 0) {
      throw new IllegalArgumentException("cache capacity and write batch size must be at least 1 and the cache's"
          + " bytes at least 0, got " + capacity + ", " + writeBatchSize + " and " + capacityBytes);
    }
    this.below = below;
    this.keyBytes = keyBytes;
    CacheBudget budget = capacityBytes == 0 ? CacheBudget.entries(capacity, writeBatchSize)
        : CacheBudget.bytes(capacityBytes, capacity, writeBatchSize, below instanceof SerializedStore s ? s : null);
    this.metrics = metrics;
    this.cache = new SlotTable(budget.capacity());
    this.dirty = new DirtyEntries(Math.min(budget.batchSize(), 1 << 16), keyBytes);
    // The layer below when it splits writes (exactly-once commits), else null.
    SerializedStore splitter = below instanceof SerializedStore s && s.splitsWrites() ? s : null;
    this.logged = splitter != null ? new LoggedEntries(splitter) : null;
    this.coverage = new CacheCoverage(below);
    this.behind = new BehindEntries(keyBytes, below, splitter, coverage);
    this.scan = new CacheScan(below, keyBytes, dirty, logged, behind);
    this.slots = new CacheSlots(below, cache, dirty, logged, budget, coverage, last);
  }

  @Override
  public Object get(Object key) {
    Object deferred = behind.get(key);
    if (deferred != null) {
      return deferred;
    }
    Slot slot = last.slotOf(key);
    if (slot == null) {
      int hash = SlotTable.hash(key);
      slot = cache.find(key, hash);
      if (slot == null) {
        metrics.cacheMisses.increment();
        Object value = coverage.holdsEveryKey() ? null : below.get(key);
        last.remember(key, slots.insertRead(key, hash, value));
        return value;
      }
      slot.referenced = true;
      last.remember(key, slot);
    }
    metrics.cacheHits.increment();
    return slot.value;
  }

  @Override
  public Map<Object, Object> getAll(List<Object> keys) {
    Map<Object, Object> result = new HashMap<>();
    List<Object> misses = new ArrayList<>();
    for (Object key : keys) {
      Object deferred = behind.get(key);
      if (deferred != null) {
        result.put(key, deferred);
        continue;
      }
      Slot slot = cache.find(key, SlotTable.hash(key));
      if (slot == null) {
        misses.add(key);
      } else {
        slot.referenced = true;
        if (slot.value != null) {
          result.put(key, slot.value);
        }
      }
    }
    metrics.cacheHits.add(keys.size() - misses.size());
    metrics.cacheMisses.add(misses.size());
    if (!misses.isEmpty()) {
      Map<Object, Object> found = coverage.holdsEveryKey() ? Map.of() : below.getAll(misses);
      for (Object key : misses) {
        Object value = found.get(key);
        if (value != null) {
          result.put(key, value);
        }
        int hash = SlotTable.hash(key);
        if (cache.find(key, hash) == null) { // a key asked for twice is cached once
          slots.insertRead(key, hash, value);
        }
      }
      last.forget();
    }
    return result;
  }

  @Override
  public void put(Object key, Object value) {
    if (!behind.isEmpty() && behind.settle(key, value)) {
      return;
    }
    Slot slot = last.slotOf(key);
    if (slot == null) {
      int hash = SlotTable.hash(key);
      slot = cache.find(key, hash);
      if (slot == null) {
        slot = new Slot(CacheSlots.storedKey(key), hash, value, true);
        slots.insert(slot); // evicts first, so the new slot is not written down before it is dirty
        dirty.add(slot);
        last.remember(key, slot);
        slots.writeDirtyIfFull();
        return;
      }
      slot.referenced = true;
      last.remember(key, slot);
    }
    if (value == null && !slot.below && slot.logged == null) {
      slots.drop(slot);
      return;
    }
    slot.value = value;
    if (!slot.dirty) {
      slot.dirty = true;
      dirty.add(slot);
    }
    slots.writeDirtyIfFull();
  }

  @Override
  public void putAll(List<Entry<Object, Object>> entries) {
    for (Entry<Object, Object> e : entries) {
      put(e.key(), e.value());
    }
  }

  @Override
  public void delete(Object key) {
    put(key, null);
  }

  /**
   * Deletes keys as {@link #delete} would, except that a key the cache does not hold goes down at
   * once, with the others of the call, in one {@code deleteAll}, without a slot: a bulk expiry (a
   * stream-stream join dropping a time segment, most of whose records were evicted long before)
   * would otherwise insert a dirty null slot per key, each evicting a cached entry, only to write
   * them all down a batch later. No cached state of such a key is pending (dirty and logged entries
   * are cached), so sending its delete ahead of the dirty entries keeps every key's order. While
   * the cache holds every key below ({@link CacheCoverage}), an uncached key is absent and needs
   * nothing.
   */
  @Override
  public void deleteAll(List<Object> keys) {
    List<Object> uncached = null;
    for (Object key : keys) {
      if (!behind.isEmpty() && behind.settle(key, null)) {
        continue;
      }
      if (last.slotOf(key) != null || cache.find(key, SlotTable.hash(key)) != null) {
        put(key, null);
      } else if (!coverage.holdsEveryKey()) {
        if (uncached == null) {
          uncached = new ArrayList<>();
        }
        uncached.add(key);
      }
    }
    if (uncached != null) {
      below.deleteAll(uncached);
    }
  }

  /**
   * Scans below, merged with the cache's dirty entries of {@code [from, to)} as they are now
   * (their values win over below's; a deleted key is left out); the deferred puts, the owner's held
   * puts and the logged entries that the scan may need go down first, and deletions of keys below
   * in the range are written down. See {@link CacheScan} for why the dirty entries stay dirty.
   */
  @Override
  public KeyValueIterator<Object, Object> range(Object from, Object to) {
    return scan.range(from, to);
  }

  /**
   * Forgets keys without writing anything of theirs below: their slots leave the cache, and a
   * write of theirs not yet sent down (dirty or logged) is dropped. For
   * {@link io.strand.storage.kv.LocalDeletes}: the caller deletes them from the engine, below the
   * changelog.
   *
   * <p>A key with a deferred put ({@link #putBehind}) loses it; such a key was new to the store
   * and its put never went down, so nothing below holds it, and it is left out of the result.
   *
   * @param keys the keys
   * @return the keys that the layers below may hold, to delete there: all but those
   */
  public List<Object> dropAll(List<Object> keys) {
    List<Object> maybeBelow = behind.dropAll(keys);
    slots.forget(maybeBelow);
    return maybeBelow;
  }

  /**
   * Defers a put of a key the store does not hold ({@link io.strand.storage.kv.WriteBehind}): it goes
   * down at the next {@link #flush} (or, under exactly-once, to the changelog at the next
   * {@link #flushToLog} and to the engine at the next {@link #writeLogged}), unless {@link #dropAll}
   * drops it first, and never takes a slot. A key the cache holds is put as usual instead.
   *
   * @param key the key, not null; kept, not copied (the caller must not change a {@code byte[]} key)
   * @param value the value, not null
   */
  @Override
  public void putBehind(Object key, Object value) {
    int hash = SlotTable.hash(key);
    if (last.slotOf(key) != null || cache.find(key, hash) != null) {
      put(key, value);
      return;
    }
    behind.putBehind(key, hash, value);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Run at the start of {@link #flush}, {@link #flushToLog} and {@link #all}, and before a
   * {@link #range} that overlaps {@code [from, to)} (by the key serde's bytes).
   */
  @Override
  public boolean handOverBefore(Object from, Object to, Runnable handOver) {
    behind.handOverBefore(keyBytes.apply(from), keyBytes.apply(to), handOver);
    return true;
  }

  /**
   * Deferred puts not yet sent down, or sent to the changelog only.
   *
   * @return the number of deferred puts
   */
  public int behindCount() {
    return behind.count();
  }

  @Override
  public KeyValueIterator<Object, Object> all() {
    behind.handOver();
    slots.writeAll();
    behind.writeDown();
    return below.all();
  }

  @Override
  public void flush() {
    behind.handOver();
    slots.writeAll();
    behind.writeDown();
    below.flush();
  }

  /**
   * Writes the oldest dirty entries down ahead of the next commit, at most {@code max}, as an
   * eviction writes one (through the changelog's layer to the changelog and the engine), and
   * flushes nothing below: the run loop writes a commit's entries in slices between polls as the
   * commit nears, so that its barrier, which processes nothing while it runs, writes only what was
   * written again since ({@code FlushAhead} in the container's run loop). Deferred puts
   * ({@link #putBehind}) are left for the commit. An entry written ahead is what an eviction
   * writes: its value, before the checkpoint that covers it.
   *
   * <p>Nothing while deferred engine writes are pending ({@link #flushToLog}, exactly-once, whose
   * commits run whole on the run loop anyway): a slot written here would have to supersede its
   * logged entry as a full write-down does.
   *
   * @param max the most entries to write; nothing below 1
   * @return the entries written
   * @throws RuntimeException what the layers below throw; the entries then stay dirty
   */
  public int writeAhead(int max) {
    if (max < 1 || dirty.count() == 0 || (logged != null && logged.count() > 0)) {
      return 0;
    }
    return slots.writeOldest(max);
  }

  /**
   * The exactly-once commit's flush: sends the dirty entries to the changelog only
   * ({@link SerializedStore#logAll}) and keeps them cached as logged, for the engine to get at the
   * next {@link #writeLogged}, {@link #flush}, range scan or eviction of one of them; the engine is
   * not flushed. Without a splitting layer below it is {@link #flush}.
   *
   * @throws RuntimeException what the layers below throw; the entries then stay dirty
   */
  public void flushToLog() {
    if (logged == null) {
      flush();
      return;
    }
    behind.handOver();
    behind.log();
    if (dirty.isEmpty()) {
      return;
    }
    logged.log(dirty.stillDirty());
    dirty.clear();
    slots.updateBudget();
  }

  /**
   * Writes every logged entry ({@link #flushToLog}) to the engine, without logging it again, so
   * the engine holds every write the changelog got; dirty entries are left alone. Call before a
   * local snapshot of the engine.
   *
   * @throws RuntimeException what the engine throws; the entries then stay logged
   */
  public void writeLogged() {
    if (logged != null) {
      logged.writeToEngine();
      behind.writeLogged();
    }
  }

  /**
   * Entries the changelog has and the engine does not yet.
   *
   * @return the number of logged entries
   */
  public int loggedCount() {
    return logged == null ? 0 : logged.count();
  }

  /**
   * Entries written but not yet sent down.
   *
   * @return the number of dirty entries
   */
  public int dirtyCount() {
    return dirty.count();
  }
}
