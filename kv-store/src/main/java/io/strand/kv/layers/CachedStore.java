package io.strand.kv.layers;

import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An LRU cache of deserialized objects with batched writes, as Samza's {@code CachedStore}: hot
 * keys skip serialization and the engine, and writes reach the layers below (changelog, engine)
 * in batches rather than one by one.
 *
 * <ul>
 *   <li>holds up to {@code stores.<s>.object.cache.size} entries, evicting the least recently
 *       used; absent keys are cached too, so repeated misses stay cheap;</li>
 *   <li>a write only marks its entry dirty; when {@code stores.<s>.write.batch.size} entries are
 *       dirty (or the cache size, if smaller), all of them go down as one {@code putAll}, a null
 *       value meaning delete; evicting a dirty entry first writes every dirty entry;</li>
 *   <li>reads see the task's own writes at once; {@link #range} and {@link #all} write the dirty
 *       entries down first, so iteration reflects every write made before it began;</li>
 *   <li>{@link #flush} writes the dirty entries, then flushes below: at commit, this is what
 *       sends cached writes to the changelog.</li>
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
 * compared by content (and copied). Values are cached by reference, so a task that mutates an
 * object after {@code put} changes what a later {@code get} returns, as in Samza.
 *
 * <p>Threading: not thread-safe; one task thread.
 */
public final class CachedStore implements KeyValueStore<Object, Object> {
  private final KeyValueStore<Object, Object> below;
  private final int capacity;
  private final int batchSize;
  private final StoreMetrics metrics;
  // Access order makes iteration order least-recently-used first, which is what eviction wants.
  private final LinkedHashMap<Object, Slot> cache;
  private final List<Slot> dirty;
  /** Slots whose value the changelog has but the engine does not yet ({@link #flushToLog}). */
  private final List<Slot> logged;
  /** The layer below when it can split a write into log and engine parts, else null. */
  private final SerializedStore splitter;
  // The slot of the key last looked up or written, by the caller's key instance: a task's get then
  // put of the same key, a read-modify-write, costs one hash lookup instead of two. Always a slot
  // in the cache: only insert evicts, and it remembers the slot it inserted. A byte[] key (which
  // the caller may mutate) is remembered by content instead: compared with the slot's own copy,
  // which saves the copy, the hash and the lookup of the second access.
  private Object lastKey;
  private boolean lastKeyBytes;
  private Slot lastSlot;

  /**
   * Wraps a store.
   *
   * @param below the serialization layer
   * @param capacity cache size in entries, at least 1
   * @param writeBatchSize dirty entries that trigger a write-down, at least 1
   * @param metrics where hits and misses are counted
   * @throws IllegalArgumentException if a size is below 1
   */
  public CachedStore(KeyValueStore<Object, Object> below, int capacity, int writeBatchSize, StoreMetrics metrics) {
    if (capacity < 1 || writeBatchSize < 1) {
      throw new IllegalArgumentException("cache capacity and write batch size must be at least 1, got "
          + capacity + " and " + writeBatchSize);
    }
    this.below = below;
    this.capacity = capacity;
    this.batchSize = Math.min(capacity, writeBatchSize);
    this.metrics = metrics;
    this.cache = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 4 / 3 + 1, 0.75f, true);
    this.dirty = new ArrayList<>(batchSize);
    this.logged = new ArrayList<>();
    this.splitter = below instanceof SerializedStore s && s.splitsWrites() ? s : null;
  }

  @Override
  public Object get(Object key) {
    Slot slot = remembered(key);
    if (slot == null) {
      Object k = probe(key);
      slot = cache.get(k);
      if (slot == null) {
        metrics.cacheMisses.increment();
        Object value = below.get(key);
        k = owned(k);
        insert(k, new Slot(storedKey(k, key), value, false));
        remember(key, lastSlot);
        return value;
      }
      remember(key, slot);
    }
    metrics.cacheHits.increment();
    return slot.value;
  }

  @Override
  public Map<Object, Object> getAll(List<Object> keys) {
    Map<Object, Object> result = new HashMap<>();
    List<Object> misses = new ArrayList<>();
    forget(); // the lookups below reorder the cache
    for (Object key : keys) {
      Slot slot = cache.get(probe(key));
      if (slot == null) {
        misses.add(key);
      } else if (slot.value != null) {
        result.put(key, slot.value);
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
        Object k = owned(probe(key));
        insert(k, new Slot(storedKey(k, key), value, false));
      }
      forget();
    }
    return result;
  }

  @Override
  public void put(Object key, Object value) {
    Slot slot = remembered(key);
    if (slot == null) {
      Object k = probe(key);
      slot = cache.get(k);
      if (slot == null) {
        k = owned(k);
        slot = new Slot(storedKey(k, key), value, true);
        dirty.add(slot);
        insert(k, slot); // an eviction may write it down already: then it is clean, and stays so
        remember(key, slot);
        writeDirtyIfFull();
        return;
      }
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

  @Override
  public KeyValueIterator<Object, Object> range(Object from, Object to) {
    writeAll();
    return below.range(from, to);
  }

  @Override
  public KeyValueIterator<Object, Object> all() {
    writeAll();
    return below.all();
  }

  @Override
  public void flush() {
    writeAll();
    below.flush();
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
    if (splitter == null) {
      flush();
      return;
    }
    if (dirty.isEmpty()) {
      return;
    }
    List<Entry<Object, Object>> batch = new ArrayList<>(dirty.size());
    for (Slot slot : dirty) {
      batch.add(new Entry<>(slot.key, slot.value));
    }
    List<Entry<byte[], byte[]>> sent = splitter.logAll(batch);
    for (int i = 0; i < dirty.size(); i++) {
      Slot slot = dirty.get(i);
      if (slot.logged == null) {
        logged.add(slot);
      }
      slot.logged = sent.get(i);
      slot.dirty = false;
    }
    dirty.clear();
  }

  /**
   * Writes every logged entry ({@link #flushToLog}) to the engine, without logging it again, so
   * the engine holds every write the changelog got; dirty entries are left alone. Call before a
   * local snapshot of the engine.
   *
   * @throws RuntimeException what the engine throws; the entries then stay logged
   */
  public void writeLogged() {
    if (logged.isEmpty()) {
      return;
    }
    List<Entry<byte[], byte[]>> batch = new ArrayList<>(logged.size());
    for (Slot slot : logged) {
      batch.add(slot.logged);
    }
    splitter.putAllLogged(batch);
    for (Slot slot : logged) {
      slot.logged = null;
    }
    logged.clear();
  }

  /**
   * Entries the changelog has and the engine does not yet.
   *
   * @return the number of logged entries
   */
  public int loggedCount() {
    return logged.size();
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

  /** Adds a slot as the most recently used, evicting the least recently used beyond capacity. */
  private void insert(Object cacheKey, Slot slot) {
    cache.put(cacheKey, slot);
    forget();
    lastSlot = slot;
    while (cache.size() > capacity) {
      Iterator<Slot> eldest = cache.values().iterator();
      Slot oldest = eldest.next();
      if (oldest.dirty || oldest.logged != null) {
        writeAll();
        eldest = cache.values().iterator();
        eldest.next();
      }
      eldest.remove();
    }
  }

  // Older values first: a slot both logged and dirty ends with its dirty value in the engine.
  private void writeAll() {
    writeLogged();
    writeDirty();
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

  /** The key a slot writes down: the cache's own copy of a byte[] key, never the caller's array. */
  private static Object storedKey(Object cacheKey, Object key) {
    return cacheKey instanceof BytesKey b ? b.bytes : key;
  }

  /** The key to look up with: a byte[] key wraps the caller's array (not kept: see {@link #owned}). */
  private static Object probe(Object key) {
    return key instanceof byte[] bytes ? new BytesKey(bytes) : key;
  }

  /** The key to keep in the cache: a byte[] key's own copy, so the caller may reuse its array. */
  private static Object owned(Object probe) {
    return probe instanceof BytesKey b ? new BytesKey(b.bytes.clone(), b.hash) : probe;
  }

  /** A cached value (null: known absent or deleted); mutable so marking it clean keeps LRU order. */
  private static final class Slot {
    final Object key;
    Object value;
    boolean dirty;
    /** The serialized entry the changelog got and the engine not yet ({@link #flushToLog}), or null. */
    Entry<byte[], byte[]> logged;

    Slot(Object key, Object value, boolean dirty) {
      this.key = key;
      this.value = value;
      this.dirty = dirty;
    }
  }

  /**
   * A byte-array key compared by content; its hash computed once, for the lookup and the insert.
   * The hash mixes the key 8 bytes at a time rather than {@code Arrays.hashCode}'s 31-polynomial,
   * which maps structured keys (an id and a time, big-endian) onto the same values often enough
   * that lookups walk long bucket chains.
   */
  private record BytesKey(byte[] bytes, int hash) {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    BytesKey(byte[] bytes) {
      this(bytes, hash(bytes));
    }

    private static int hash(byte[] b) {
      long h = b.length;
      int i = 0;
      for (; i + 8 <= b.length; i += 8) {
        h = (h ^ (long) LONG.get(b, i)) * MULTIPLIER;
      }
      for (; i < b.length; i++) {
        h = (h ^ (b[i] & 0xff)) * MULTIPLIER;
      }
      h ^= h >>> 32;
      h *= 0xD6E8FEB86659FD93L;
      return (int) (h ^ (h >>> 32));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BytesKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return Arrays.toString(bytes);
    }
  }
}
