package io.strand.kv.layers;

import io.strand.kv.layers.SlotTable.Slot;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A cache of deserialized objects with batched writes, as Samza's {@code CachedStore}: hot
 * keys skip serialization and the engine, and writes reach the layers below (changelog, engine)
 * in batches rather than one by one.
 *
 * <ul>
 *   <li>holds up to {@code stores.<s>.object.cache.size} entries, evicting by CLOCK, an
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
 *       key range into the scan below (or, when scans come often, writes every dirty entry down
 *       first) and {@link #all} writes every dirty entry down first, so
 *       iteration reflects every write made before it began;</li>
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
 * compared by content (looked up without a copy, copied when inserted). Values are cached by
 * reference, so a task that mutates an object after {@code put} changes what a later {@code get}
 * returns, as in Samza.
 *
 * <p>Threading: not thread-safe; one task thread.
 */
public final class CachedStore implements KeyValueStore<Object, Object> {
  /**
   * How many times over range scans may look through the dirty entries before they are written
   * down instead: a task that scans on every record (a stream-stream join probing the other
   * side's buffer) then writes down every few records, as a batch, rather than scanning an
   * ever longer dirty list; a task that scans now and then (an hourly window close) merges.
   */
  static final int RANGE_MERGES_PER_WRITE = 8;

  private final KeyValueStore<Object, Object> below;
  private final Function<Object, byte[]> keyBytes;
  private final int batchSize;
  private final StoreMetrics metrics;
  private final SlotTable cache;
  private final List<Slot> dirty;
  /** Slots of {@link #dirty} dropped or evicted since it was last cleared: no longer dirty, skipped there. */
  private int dropped;
  /** Slots whose value the changelog has but the engine does not yet ({@link #flushToLog}). */
  private final List<Slot> logged;
  /** The layer below when it can split a write into log and engine parts, else null. */
  private final SerializedStore splitter;
  // Dirty entries that range scans have looked through since the last write-down: see range.
  private long rangeScanned;
  // Writes (puts and deletes) since the last write-down: what range merges are measured against.
  private long writesSinceWriteDown;
  // Whether the cache holds every key the store below has, so that a miss is an absent key and
  // needs no read below: true when the store below was empty the first time the cache needed it
  // and nothing has been evicted since (every write below comes through this cache while the task
  // runs; restore writes below before the task's first read). A fresh job's stateful tasks then
  // read nothing below until their caches fill: with 1 M keys (Zipf 1.0) the reads of keys seen
  // for the first time were a fifth of the task thread, each a RocksDB get of an absent key.
  private Coverage coverage = Coverage.UNKNOWN;

  private enum Coverage { UNKNOWN, EVERY_KEY, SOME_KEYS }
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
    this.logged = new ArrayList<>();
    this.splitter = below instanceof SerializedStore s && s.splitsWrites() ? s : null;
  }

  @Override
  public Object get(Object key) {
    Slot slot = remembered(key);
    if (slot == null) {
      int hash = SlotTable.hash(key);
      slot = cache.find(key, hash);
      if (slot == null) {
        metrics.cacheMisses.increment();
        Object value = holdsEveryKey() ? null : below.get(key);
        Slot read = new Slot(storedKey(key), hash, value, false);
        read.below = value != null;
        insert(read);
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
      Map<Object, Object> found = holdsEveryKey() ? Map.of() : below.getAll(misses);
      for (Object key : misses) {
        Object value = found.get(key);
        if (value != null) {
          result.put(key, value);
        }
        int hash = SlotTable.hash(key);
        if (cache.find(key, hash) == null) { // a key asked for twice is cached once
          Slot read = new Slot(storedKey(key), hash, value, false);
          read.below = value != null;
          insert(read);
        }
      }
      forget();
    }
    return result;
  }

  @Override
  public void put(Object key, Object value) {
    writesSinceWriteDown++;
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
    if (value == null && !slot.below && slot.logged == null) {
      drop(slot);
      return;
    }
    slot.value = value;
    if (!slot.dirty) {
      slot.dirty = true;
      dirty.add(slot);
    }
    writeDirtyIfFull();
  }

  private void writeDirtyIfFull() {
    if (dirty.size() - dropped >= batchSize) {
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

  /**
   * Deletes keys as {@link #delete} would, except that a key the cache does not hold goes down at
   * once, with the others of the call, in one {@code deleteAll}, without a slot: a bulk expiry (a
   * stream-stream join dropping a time segment, most of whose records were evicted long before)
   * would otherwise insert a dirty null slot per key, each evicting a cached entry, only to write
   * them all down a batch later. No cached state of such a key is pending (dirty and logged entries
   * are cached), so sending its delete ahead of the dirty entries keeps every key's order. While
   * the cache holds every key below ({@link #holdsEveryKey}), an uncached key is absent and needs
   * nothing.
   */
  @Override
  public void deleteAll(List<Object> keys) {
    List<Object> uncached = null;
    for (Object key : keys) {
      if (remembered(key) != null || cache.find(key, SlotTable.hash(key)) != null) {
        put(key, null);
      } else if (!holdsEveryKey()) {
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
   * (their values win over below's; a deleted key is left out). The dirty entries stay dirty:
   * a task that scans the hour it closes and then deletes it (the flights sample, every hour)
   * would otherwise serialize, log and store every window only to read it back and delete it.
   * A task that scans often has its dirty entries written down instead: when scans since the
   * last write-down have looked through more than {@value #RANGE_MERGES_PER_WRITE} times the
   * dirty entries there are, every dirty entry goes down first and the scan reads below only.
   */
  @Override
  public KeyValueIterator<Object, Object> range(Object from, Object to) {
    writeLogged(); // the scan reads the engine, which must hold what the changelog has
    if (dirty.isEmpty()) {
      return below.range(from, to);
    }
    // A merge looks through every dirty entry; once scans have done so RANGE_MERGES_PER_WRITE
    // times over, writing them down costs less than looking again (amortized: a scan per record
    // writes down about every 2 * RANGE_MERGES_PER_WRITE records).
    // Measured against the writes since the last write-down rather than the dirty entries: a
    // scan per new key (a join's buffer, writes equal dirty entries) writes down as before; a
    // scan now and then over keys written often (an hourly window close) keeps merging.
    rangeScanned += dirty.size();
    if (rangeScanned > (long) RANGE_MERGES_PER_WRITE * Math.max(dirty.size(), writesSinceWriteDown)) {
      writeDirty();
      return below.range(from, to);
    }
    byte[] fromBytes = keyBytes.apply(from);
    byte[] toBytes = keyBytes.apply(to);
    List<Slot> pending = dirtyBetween(fromBytes, toBytes);
    KeyValueIterator<Object, Object> scan = below.range(from, to);
    return pending.isEmpty() ? scan : new MergedRange(scan, pending, keyBytes);
  }

  /**
   * Forgets keys without writing anything of theirs below: their slots leave the cache, and a
   * write of theirs not yet sent down (dirty or logged) is dropped. For
   * {@link io.strand.storage.kv.LocalDeletes}: the caller deletes them from the engine, below the
   * changelog.
   *
   * @param keys the keys
   */
  public void dropAll(List<Object> keys) {
    Set<Slot> pending = null;
    boolean removed = false;
    for (Object key : keys) {
      Slot slot = cache.find(key, SlotTable.hash(key));
      if (slot == null) {
        continue;
      }
      cache.remove(slot);
      removed = true;
      if (slot.dirty || slot.logged != null) {
        if (pending == null) {
          pending = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        pending.add(slot);
      }
    }
    if (removed) {
      forget(); // the remembered slot may have gone; the keys go from below too, so coverage holds
    }
    if (pending != null) {
      Set<Slot> gone = pending;
      dirty.removeIf(gone::contains);
      logged.removeIf(gone::contains);
    }
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
    List<Slot> written = stillDirty();
    List<Entry<Object, Object>> batch = new ArrayList<>(written.size());
    for (Slot slot : written) {
      batch.add(new Entry<>(slot.key, slot.value));
    }
    List<Entry<byte[], byte[]>> sent = batch.isEmpty() ? List.of() : splitter.logAll(batch);
    for (int i = 0; i < written.size(); i++) {
      Slot slot = written.get(i);
      if (slot.logged == null) {
        logged.add(slot);
      }
      slot.logged = sent.get(i);
      slot.dirty = false;
      slot.below = true; // the changelog has it, and the engine may still hold an older value
    }
    dirty.clear();
    dropped = 0;
    rangeScanned = 0;
    writesSinceWriteDown = 0;
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
      slot.below = slot.dirty || slot.logged.value() != null;
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
    return dirty.size() - dropped;
  }

  /**
   * Deletes a key that the layers below do not hold: nothing needs to go down, so its slot leaves
   * the cache (a dirty one stays in the dirty list, marked clean, and is skipped there). A
   * window opened and closed between two write-downs then costs the changelog and the engine
   * nothing, and its slot no longer takes cache room until CLOCK evicts it.
   */
  private void drop(Slot slot) {
    boolean wasDirty = slot.dirty;
    slot.value = null;
    slot.dirty = false;
    if (wasDirty) {
      droppedFromDirty();
    }
    cache.remove(slot);
    forget();
    if (lastSlot == slot) {
      lastSlot = null;
    }
  }

  /**
   * Counts a slot of the dirty list that is no longer dirty (dropped or evicted), and takes such
   * slots out of the list once they are most of it. Left in, they made every range merge look
   * through them and counted in the range-merge rule as dirty entries: the hourly windows of the
   * flights sample, each opened and closed between two commits, grew the list by thousands of
   * dead slots per commit, so an hourly scan walked all of them (8 % of the task thread) and, after
   * about sixty hours, wrote every open window down only to read it back and delete it. Amortized
   * one removal per dropped slot; the order of the live ones is kept.
   */
  private void droppedFromDirty() {
    dropped++;
    if (dropped >= 32 && dropped * 2 > dirty.size()) {
      dirty.removeIf(s -> !s.dirty);
      dropped = 0;
    }
  }

  /** The remembered slot if {@code key} is the instance last used and still equal to its key, else null. */
  private Slot remembered(Object key) {
    if (lastSlot == null) {
      return null;
    }
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

  /**
   * Adds a slot, first evicting CLOCK's victim if the cache is full: a dirty victim is written
   * down alone (a logged one, with every logged entry, as the engine must get them in order).
   * Writing every dirty entry instead, as Samza does, made a cache a little smaller than its
   * working set (open windows of a hopping window) write every entry down at every eviction,
   * so every key then also needed its deletion logged, where only the evicted ones do now.
   */
  private void insert(Slot slot) {
    forget();
    if (cache.size() >= cache.capacity()) {
      coverage = Coverage.SOME_KEYS; // the victim's key may be below, and no longer here
      Slot victim = cache.victim();
      if (victim.logged != null) {
        writeAll();
      } else if (victim.dirty) {
        below.putAll(List.of(new Entry<>(victim.key, victim.value)));
        victim.dirty = false; // stays in the dirty list, skipped there, as a dropped slot
        droppedFromDirty();
      }
      cache.remove(victim);
    }
    cache.add(slot);
    lastSlot = slot;
  }

  /** Whether a miss is known absent (see {@link #coverage}); looks below once, at the first miss. */
  private boolean holdsEveryKey() {
    if (coverage == Coverage.UNKNOWN) {
      try (KeyValueIterator<Object, Object> it = below.all()) {
        coverage = it.hasNext() ? Coverage.SOME_KEYS : Coverage.EVERY_KEY;
      }
    }
    return coverage == Coverage.EVERY_KEY;
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
    List<Slot> written = stillDirty();
    List<Entry<Object, Object>> batch = new ArrayList<>(written.size());
    for (Slot slot : written) {
      batch.add(new Entry<>(slot.key, slot.value));
    }
    // Slots stay dirty if the write fails, so the next flush retries them.
    if (!batch.isEmpty()) {
      below.putAll(batch);
    }
    boolean superseded = false;
    for (Slot slot : written) {
      slot.dirty = false;
      // A value a commit logged (flushToLog) is older than the one just written to the changelog and
      // the engine: it must never reach the engine after it (a later writeLogged would put the older
      // value back, and a logged delete would leave a slot taken as not below whose key the
      // changelog holds, so that deleting it again sent nothing: the deleted key came back at restore).
      superseded |= slot.logged != null;
      slot.logged = null;
      slot.below = slot.value != null;
    }
    if (superseded) {
      logged.removeIf(slot -> slot.logged == null);
    }
    dirty.clear();
    dropped = 0;
    rangeScanned = 0;
    writesSinceWriteDown = 0;
  }

  /** The slots of the dirty list still dirty (not {@link #drop}ped since), in the order they became dirty. */
  private List<Slot> stillDirty() {
    List<Slot> still = new ArrayList<>(dirty.size());
    for (Slot slot : dirty) {
      if (slot.dirty) {
        still.add(slot);
      }
    }
    return still;
  }

  /** The dirty entries whose serialized keys lie in {@code [from, to)}, as copies, in key order. */
  private List<Slot> dirtyBetween(byte[] from, byte[] to) {
    if (dirty.isEmpty() || Arrays.compareUnsigned(from, to) >= 0) {
      return List.of();
    }
    List<Slot> inRange = new ArrayList<>();
    List<Slot> deletes = null;
    for (Slot slot : dirty) {
      if (!slot.dirty) {
        continue; // dropped: deleted before it ever went down
      }
      if (slot.keyBytes == null) {
        slot.keyBytes = slot.key instanceof byte[] b ? b : keyBytes.apply(slot.key);
      }
      if (Arrays.compareUnsigned(slot.keyBytes, from) >= 0 && Arrays.compareUnsigned(slot.keyBytes, to) < 0) {
        if (slot.value == null && slot.below) {
          if (deletes == null) {
            deletes = new ArrayList<>();
          }
          deletes.add(slot);
          continue;
        }
        // A copy: the scan shows the value as of now, whatever the task writes while it iterates.
        Slot copy = new Slot(slot.key, slot.hash, slot.value, true);
        copy.keyBytes = slot.keyBytes;
        inRange.add(copy);
      }
    }
    if (deletes != null) {
      writeDeletes(deletes);
    }
    inRange.sort((a, b) -> Arrays.compareUnsigned(a.keyBytes, b.keyBytes));
    return inRange;
  }

  /**
   * Writes the deletions of keys below in a scanned range down at once, ahead of the other dirty
   * entries (each key's own order is kept: a deletion is its latest write). Merged instead, the
   * scan below would read and deserialize each such key only to drop it, at every scan until the
   * next write-down: the flights sample's hourly windows written down at a commit and closed
   * after it were read back by every hourly scan of the next five seconds (a ninth of the task
   * thread). They go to the changelog and the engine at the next write-down anyway.
   */
  private void writeDeletes(List<Slot> deletes) {
    List<Entry<Object, Object>> batch = new ArrayList<>(deletes.size());
    for (Slot slot : deletes) {
      batch.add(new Entry<>(slot.key, null));
    }
    below.putAll(batch);
    for (Slot slot : deletes) {
      slot.dirty = false;
      slot.below = false;
      droppedFromDirty();
    }
  }

  /** The key a slot keeps and writes down: the cache's own copy of a byte[] key, never the caller's array. */
  private static Object storedKey(Object key) {
    return key instanceof byte[] bytes ? bytes.clone() : key;
  }
}
