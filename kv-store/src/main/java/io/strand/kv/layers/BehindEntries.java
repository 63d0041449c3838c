package io.strand.kv.layers;

import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The object cache's deferred puts of new keys ({@link CachedStore#putBehind},
 * {@link io.strand.storage.kv.WriteBehind}): held outside the cache's slots, so they take no cache
 * room and no eviction writes them down, and dropped for nothing when their key is deleted locally
 * before they went down. Each is <em>unlogged</em> (nothing below has it) until the exactly-once
 * commit's {@link #log} sends it to the changelog, then <em>logged</em> (the changelog has it, the
 * engine not yet) until {@link #writeLogged}. {@link #writeDown} sends every one the whole way.
 *
 * <p>Keys are the cache's: {@code byte[]} keys compared by content and copied when added. The
 * lowest and highest serialized key added since the set was last empty bound what a range scan must
 * wait for (never narrowed when entries leave: a wider bound only writes down early).
 *
 * <p>Threading: not thread-safe; the owning cache's task thread.
 */
final class BehindEntries {
  private final Function<Object, byte[]> keyBytes;
  private final Map<Key, Pending> pending = new HashMap<>();
  private byte[] lowest;
  private byte[] highest;

  /** One deferred put: the value, and the bytes the changelog got once logged. */
  static final class Pending {
    final Object key;
    Object value;
    /** The serialized entry sent to the changelog only, or null while unlogged. */
    Entry<byte[], byte[]> logged;

    Pending(Object key, Object value) {
      this.key = key;
      this.value = value;
    }
  }

  /** A cache key with content equality for {@code byte[]}. */
  private record Key(Object key, int hash) {
    static Key of(Object key) {
      return new Key(key, SlotTable.hash(key));
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key other && (key instanceof byte[] mine
          ? other.key instanceof byte[] theirs && Arrays.equals(mine, theirs) : key.equals(other.key));
    }
  }

  /** @param keyBytes the key serde's view of a key, as the engine orders it */
  BehindEntries(Function<Object, byte[]> keyBytes) {
    this.keyBytes = keyBytes;
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  int count() {
    return pending.size();
  }

  /** Adds or replaces a key's deferred put (a replaced logged one is unlogged again: the changelog needs the new value). */
  void add(Object key, Object value) {
    Object stored = key instanceof byte[] bytes ? bytes.clone() : key;
    Pending previous = pending.put(Key.of(stored), new Pending(stored, value));
    if (previous == null) {
      byte[] k = keyBytes.apply(stored);
      if (lowest == null || Arrays.compareUnsigned(k, lowest) < 0) {
        lowest = k;
      }
      if (highest == null || Arrays.compareUnsigned(k, highest) > 0) {
        highest = k;
      }
    }
  }

  /** @return the key's deferred put, or null */
  Pending get(Object key) {
    return pending.isEmpty() ? null : pending.get(Key.of(key));
  }

  /** Forgets a key's deferred put: nothing of it goes down. @return it, or null if it had none */
  Pending remove(Object key) {
    if (pending.isEmpty()) {
      return null;
    }
    Pending removed = pending.remove(Key.of(key));
    if (pending.isEmpty()) {
      lowest = null;
      highest = null;
    }
    return removed;
  }

  /** Whether a deferred put may have a serialized key in {@code [from, to)}. */
  boolean mayHoldBetween(byte[] from, byte[] to) {
    return !pending.isEmpty() && Arrays.compareUnsigned(highest, from) >= 0 && Arrays.compareUnsigned(lowest, to) < 0;
  }

  /**
   * Sends one key's deferred put the whole way now, ahead of an ordinary write of the key.
   *
   * @param key the key
   * @param below the serialization layer
   * @param splitter the same, when it splits writes (a logged put can only be there), else null
   */
  void writeDown(Object key, KeyValueStore<Object, Object> below, SerializedStore splitter) {
    Pending p = remove(key);
    if (p != null) {
      write(List.of(p), below, splitter);
    }
  }

  /**
   * Sends every deferred put the whole way: unlogged ones to the changelog and the engine, logged
   * ones to the engine only; then none is pending.
   */
  void writeDown(KeyValueStore<Object, Object> below, SerializedStore splitter) {
    if (pending.isEmpty()) {
      return;
    }
    List<Pending> all = new ArrayList<>(pending.values());
    write(all, below, splitter); // on a failure they stay pending
    pending.clear();
    lowest = null;
    highest = null;
  }

  private static void write(List<Pending> entries, KeyValueStore<Object, Object> below, SerializedStore splitter) {
    List<Entry<Object, Object>> unlogged = new ArrayList<>();
    List<Entry<byte[], byte[]>> logged = new ArrayList<>();
    for (Pending p : entries) {
      if (p.logged != null) {
        logged.add(p.logged);
      } else {
        unlogged.add(new Entry<>(p.key, p.value));
      }
    }
    if (!logged.isEmpty()) {
      splitter.putAllLogged(logged);
    }
    if (!unlogged.isEmpty()) {
      below.putAll(unlogged);
    }
  }

  /** The exactly-once commit: sends the unlogged puts to the changelog only; they stay pending, logged. */
  void log(SerializedStore splitter) {
    List<Pending> unlogged = new ArrayList<>();
    List<Entry<Object, Object>> batch = new ArrayList<>();
    for (Pending p : pending.values()) {
      if (p.logged == null) {
        unlogged.add(p);
        batch.add(new Entry<>(p.key, p.value));
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    List<Entry<byte[], byte[]>> sent = splitter.logAll(batch);
    for (int i = 0; i < unlogged.size(); i++) {
      unlogged.get(i).logged = sent.get(i);
    }
  }

  /** Writes the logged puts to the engine (before a local snapshot); unlogged ones stay pending. */
  void writeLogged(SerializedStore splitter) {
    List<Entry<byte[], byte[]>> logged = new ArrayList<>();
    for (Pending p : pending.values()) {
      if (p.logged != null) {
        logged.add(p.logged);
      }
    }
    if (logged.isEmpty()) {
      return;
    }
    splitter.putAllLogged(logged);
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      if (it.next().logged != null) {
        it.remove();
      }
    }
    if (pending.isEmpty()) {
      lowest = null;
      highest = null;
    }
  }
}
