package io.strand.kv.layers;

import io.strand.kv.layers.SlotTable.Slot;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.Arrays;
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
 *   <li>holds up to {@code stores.<s>.object.cache.size} entries, evicting by CLOCK, an
 *       approximation of least recently used ({@link SlotTable}); absent keys are cached too, so
 *       repeated misses stay cheap;</li>
 *   <li>a write only marks its entry dirty; when {@code stores.<s>.write.batch.size} entries are
 *       dirty (or the cache size, if smaller), all of them go down as one {@code putAll}, a null
 *       value meaning delete; evicting a dirty entry first writes every dirty entry;</li>
 *   <li>reads see the task's own writes at once; {@link #range} writes the dirty entries of its
 *       key range down first and {@link #all} every dirty entry, so iteration reflects every
 *       write made before it began;</li>
 *   <li>{@link #flush} writes the dirty entries, then flushes below: at commit, this is what
 *       sends cached writes to the changelog.</li>
 * </ul>
 *
 * <p>Keys are compared with {@code equals}, after the serde's view: {@code byte[]} keys are
 * compared by content (looked up without a copy, copied when inserted). Values are cached by
 * reference, so a task that mutates an object after {@code put} changes what a later {@code get}
 * returns, as in Samza.
 *
 * <p>Threading: not thread-safe; one task thread.
 */
public final class CachedStore implements KeyValueStore<Object, Object> {
  private final KeyValueStore<Object, Object> below;
  private final Function<Object, byte[]> keyBytes;
  private final int batchSize;
  private final StoreMetrics metrics;
  private final SlotTable cache;
  private List<Slot> dirty;
  // The slot of the key last looked up or written, by the caller's key instance: a task's get then
  // put of the same key, a read-modify-write, costs one hash lookup instead of two. Always a slot
  // in the cache: only insert evicts, and it remembers the slot it inserted. A byte[] key (which
  // the caller may mutate) is remembered by content instead: compared with the slot's own copy,
  // which saves the hash and the lookup of the second access.
  private Object lastKey;
  private boolean lastKeyBytes;
  private Slot lastSlot;

  /**
   * Wraps a store.
   *
   * @param below the serialization layer
   * @param keyBytes the key serde's view of a key (bytes that order it as the engine does), for
   *     {@link #range}
   * @param capacity cache size in entries, at least 1
   * @param writeBatchSize dirty entries that trigger a write-down, at least 1
   * @param metrics where hits and misses are counted
   * @throws IllegalArgumentException if a size is below 1
   */
  public CachedStore(KeyValueStore<Object, Object> below, Function<Object, byte[]> keyBytes, int capacity,
      int writeBatchSize, StoreMetrics metrics) {
    if (capacity < 1 || writeBatchSize < 1) {
      throw new IllegalArgumentException("cache capacity and write batch size must be at least 1, got "
          + capacity + " and " + writeBatchSize);
    }
    this.below = below;
    this.keyBytes = keyBytes;
    this.batchSize = Math.min(capacity, writeBatchSize);
    this.metrics = metrics;
    this.cache = new SlotTable(capacity);
    this.dirty = new ArrayList<>(Math.min(batchSize, 1 << 16));
  }

  @Override
  public Object get(Object key) {
    Slot slot = remembered(key);
    if (slot == null) {
      int hash = SlotTable.hash(key);
      slot = cache.find(key, hash);
      if (slot == null) {
        metrics.cacheMisses.increment();
        Object value = below.get(key);
        insert(new Slot(storedKey(key), hash, value, false));
        remember(key, lastSlot);
        return value;
      }
      slot.referenced = true;
      remember(key, slot);
    }
    metrics.cacheHits.increment();
    return slot.value;
  }

  @Override
  public Map<Object, Object> getAll(List<Object> keys) {
    Map<Object, Object> result = new HashMap<>();
    List<Object> misses = new ArrayList<>();
    for (Object key : keys) {
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
      Map<Object, Object> found = below.getAll(misses);
      for (Object key : misses) {
        Object value = found.get(key);
        if (value != null) {
          result.put(key, value);
        }
        int hash = SlotTable.hash(key);
        if (cache.find(key, hash) == null) { // a key asked for twice is cached once
          insert(new Slot(storedKey(key), hash, value, false));
        }
      }
      forget();
    }
    return result;
  }

  @Override
  public void put(Object key, Object value) {
    Slot slot = remembered(key);
    if (slot == null) {
      int hash = SlotTable.hash(key);
      slot = cache.find(key, hash);
      if (slot == null) {
        slot = new Slot(storedKey(key), hash, value, true);
        insert(slot); // evicts first, so the new slot is not written down before it is dirty
        dirty.add(slot);
        remember(key, slot);
        writeDirtyIfFull();
        return;
      }
      slot.referenced = true;
      remember(key, slot);
    }
    slot.value = value;
    if (!slot.dirty) {
      slot.dirty = true;
      dirty.add(slot);
    }
    writeDirtyIfFull();
  }

  private void writeDirtyIfFull() {
    if (dirty.size() >= batchSize) {
      writeDirty();
    }
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

  @Override
  public void deleteAll(List<Object> keys) {
    for (Object key : keys) {
      put(key, null);
    }
  }

  /**
   * Writes down the dirty entries whose keys lie in {@code [from, to)}, then scans below. Only
   * those: a task that scans the hour it closes (the flights sample, every hour) would otherwise
   * send every open window to the changelog and the engine at every scan.
   */
  @Override
  public KeyValueIterator<Object, Object> range(Object from, Object to) {
    writeDirtyBetween(keyBytes.apply(from), keyBytes.apply(to));
    return below.range(from, to);
  }

  @Override
  public KeyValueIterator<Object, Object> all() {
    writeDirty();
    return below.all();
  }

  @Override
  public void flush() {
    writeDirty();
    below.flush();
  }

  /**
   * Entries written but not yet sent down.
   *
   * @return the number of dirty entries
   */
  public int dirtyCount() {
    return dirty.size();
  }

  /** The remembered slot if {@code key} is the instance last used and still equal to its key, else null. */
  private Slot remembered(Object key) {
    if (lastKeyBytes) {
      return key instanceof byte[] bytes && Arrays.equals(bytes, (byte[]) lastSlot.key) ? lastSlot : null;
    }
    return key == lastKey && lastSlot.key.equals(key) ? lastSlot : null;
  }

  private void remember(Object key, Slot slot) {
    lastKeyBytes = key instanceof byte[];
    lastKey = lastKeyBytes ? null : key;
    lastSlot = slot;
  }

  private void forget() {
    lastKey = null;
    lastKeyBytes = false;
  }

  /** Adds a slot, first evicting CLOCK's victim if the cache is full (writing every dirty entry down if it is dirty). */
  private void insert(Slot slot) {
    forget();
    if (cache.size() >= cache.capacity()) {
      Slot victim = cache.victim();
      if (victim.dirty) {
        writeDirty();
      }
      cache.remove(victim);
    }
    cache.add(slot);
    lastSlot = slot;
  }

  private void writeDirty() {
    if (dirty.isEmpty()) {
      return;
    }
    List<Entry<Object, Object>> batch = new ArrayList<>(dirty.size());
    for (Slot slot : dirty) {
      batch.add(new Entry<>(slot.key, slot.value));
    }
    // Slots stay dirty if the write fails, so the next flush retries them.
    below.putAll(batch);
    for (Slot slot : dirty) {
      slot.dirty = false;
    }
    dirty.clear();
  }

  /** Writes down the dirty entries whose serialized keys lie in {@code [from, to)}; the others stay dirty, in order. */
  private void writeDirtyBetween(byte[] from, byte[] to) {
    if (dirty.isEmpty() || Arrays.compareUnsigned(from, to) >= 0) {
      return;
    }
    List<Slot> inRange = new ArrayList<>();
    List<Slot> rest = new ArrayList<>(Math.min(batchSize, 1 << 16));
    for (Slot slot : dirty) {
      if (slot.keyBytes == null) {
        slot.keyBytes = slot.key instanceof byte[] b ? b : keyBytes.apply(slot.key);
      }
      boolean in = Arrays.compareUnsigned(slot.keyBytes, from) >= 0 && Arrays.compareUnsigned(slot.keyBytes, to) < 0;
      (in ? inRange : rest).add(slot);
    }
    if (inRange.isEmpty()) {
      return;
    }
    List<Entry<Object, Object>> batch = new ArrayList<>(inRange.size());
    for (Slot slot : inRange) {
      batch.add(new Entry<>(slot.key, slot.value));
    }
    below.putAll(batch);
    for (Slot slot : inRange) {
      slot.dirty = false;
    }
    dirty = rest;
  }

  /** The key a slot keeps and writes down: the cache's own copy of a byte[] key, never the caller's array. */
  private static Object storedKey(Object key) {
    return key instanceof byte[] bytes ? bytes.clone() : key;
  }
}
