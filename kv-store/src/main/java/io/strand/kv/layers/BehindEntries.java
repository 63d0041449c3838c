package io.strand.kv.layers;

import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The object cache's deferred puts of new keys ({@link CachedStore#putBehind},
 * {@link io.strand.storage.kv.WriteBehind}) and every path of theirs through the cache: held
 * outside the cache's slots ({@link BehindTable}), so they take no cache room and no eviction
 * writes them down, and dropped for nothing when their key is deleted locally before they went
 * down. Each is <em>unlogged</em> (nothing below has it) until the exactly-once commit's
 * {@link #log} sends it to the changelog, then <em>logged</em> (the changelog has it, the engine
 * not yet) until {@link #writeLogged}. {@link #writeDown} sends every one the whole way.
 *
 * <p>Why that keeps each key's order and the cache's reads right: a deferred put's key is new
 * below, so while it waits nothing below holds the key; an ordinary write of the key replaces it
 * or, for a delete of one the changelog has, sends it down first ({@link #settle}); a scan that
 * may cover one sends them all down first ({@link #beforeScan}); and once one is down the cache's
 * {@link CacheCoverage} is told that below holds a key the slots do not.
 *
 * <p>An owner that holds its new keys' puts itself ({@link #handOverBefore}, the stream-stream
 * join's buffer) is asked for them here: at the start of a commit's write and before a scan of
 * their range, so from there they go down as any deferred put.
 *
 * <p>Keys are the cache's: {@code byte[]} keys compared by content. A deferred put's key is kept,
 * not copied (the {@link io.strand.storage.kv.WriteBehind} contract); an ordinary put that replaces
 * one changes its value and keeps that key. The lowest and highest serialized
 * key added since the set was last empty bound what a range scan must wait for (never narrowed
 * when entries leave: a wider bound only writes down early).
 *
 * <p>Threading: not thread-safe; the owning cache's task thread.
 */
final class BehindEntries {
  private final Function<Object, byte[]> keyBytes;
  private final KeyValueStore<Object, Object> below;
  /** The layer below when it splits writes (exactly-once commits), else null. */
  private final SerializedStore splitter;
  private final CacheCoverage coverage;
  private final BehindTable pending = new BehindTable();
  private byte[] lowest;
  private byte[] highest;
  /** The owner's held puts ({@link #handOverBefore}), or null: run before a commit's write and a scan of their range. */
  private Runnable handOver;
  /** The serialized range of the owner's held puts: {@code [heldFrom, heldTo)}. */
  private byte[] heldFrom;
  private byte[] heldTo;

  /**
   * @param keyBytes the key serde's view of a key, as the engine orders it
   * @param below the layer below the cache
   * @param splitter the same, when it splits writes, else null
   * @param coverage the cache's coverage, told when a deferred put goes down
   */
  BehindEntries(Function<Object, byte[]> keyBytes, KeyValueStore<Object, Object> below, SerializedStore splitter,
      CacheCoverage coverage) {
    this.keyBytes = keyBytes;
    this.below = below;
    this.splitter = splitter;
    this.coverage = coverage;
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  int count() {
    return pending.size();
  }

  /** @return the value of the key's deferred put, or null if it has none (a deferred put's value is never null) */
  Object get(Object key) {
    if (pending.isEmpty()) {
      return null;
    }
    int i = pending.indexOf(key, SlotTable.hash(key));
    return i < 0 ? null : pending.value(i);
  }

  /**
   * Defers a put of a key the cache holds no slot of (the caller checked), or replaces the key's
   * deferred put (a replaced logged one is unlogged again: the changelog needs the new value).
   *
   * @param key the key, kept, not copied
   * @param hash the key's {@link SlotTable#hash}
   * @param value the value
   */
  void putBehind(Object key, int hash, Object value) {
    int previous = pending.isEmpty() ? -1 : pending.indexOf(key, hash);
    if (previous >= 0) {
      pending.replace(previous, value);
      return;
    }
    pending.add(key, hash, value);
    byte[] k = keyBytes.apply(key);
    if (lowest == null || Arrays.compareUnsigned(k, lowest) < 0) {
      lowest = k;
    }
    if (highest == null || Arrays.compareUnsigned(k, highest) > 0) {
      highest = k;
    }
  }

  /** Forgets a key's deferred put: nothing of it goes down. @return whether it had one */
  private boolean remove(Object key) {
    int i = pending.isEmpty() ? -1 : pending.indexOf(key, SlotTable.hash(key));
    if (i < 0) {
      return false;
    }
    removeAt(i);
    return true;
  }

  private void removeAt(int i) {
    pending.removeAt(i);
    if (pending.isEmpty()) {
      lowest = null;
      highest = null;
    }
  }

  /**
   * Drops the deferred puts of keys deleted locally ({@link CachedStore#dropAll}): nothing below
   * holds such a key, so nothing of it goes down.
   *
   * @param keys the keys
   * @return the keys that had no deferred put (the layers below may hold them): {@code keys} itself when none had one
   */
  List<Object> dropAll(List<Object> keys) {
    if (pending.isEmpty()) {
      return keys;
    }
    List<Object> maybeBelow = new ArrayList<>(keys.size());
    for (Object key : keys) {
      if (!remove(key)) {
        maybeBelow.add(key);
      }
    }
    return maybeBelow;
  }

  /**
   * An ordinary write of a key that may have a deferred put: a new value replaces the deferred one,
   * still deferred (nothing below has the key; under exactly-once the changelog may have the old
   * value, and gets the new one at the next commit); a delete of one nothing below has drops it; a
   * delete of one the changelog has sends it down first (the engine gets it, the delete follows as
   * usual), so each key's order is kept.
   *
   * @param key the key
   * @param value the value, null for a delete
   * @return true when the write is done
   */
  boolean settle(Object key, Object value) {
    int i = pending.isEmpty() ? -1 : pending.indexOf(key, SlotTable.hash(key));
    if (i < 0) {
      return false;
    }
    if (value != null) {
      pending.replace(i, value);
      return true;
    }
    Entry<byte[], byte[]> logged = pending.logged(i);
    removeAt(i);
    if (logged == null) {
      return true;
    }
    coverage.evicted(); // below holds a key the slots do not
    splitter.putAllLogged(List.of(logged));
    return false;
  }

  /**
   * Lets an owner hold its new keys' puts itself ({@link io.strand.storage.kv.WriteBehind#handOverBefore}):
   * {@link #handOver} runs it, and {@link #beforeScan} does when a scan overlaps its range. One
   * owner: a later call replaces the earlier one.
   *
   * @param from the lowest serialized key the owner holds puts of
   * @param to the serialized key after the highest
   * @param handOver makes the owner's held puts with {@link CachedStore#putBehind}
   */
  void handOverBefore(byte[] from, byte[] to, Runnable handOver) {
    this.heldFrom = from;
    this.heldTo = to;
    this.handOver = handOver;
  }

  /** Has the owner make its held puts deferred ones here (the start of a commit's write, or an {@code all}). */
  void handOver() {
    if (handOver != null) {
      handOver.run();
    }
  }

  /**
   * @return whether a scan must pass its bounds to {@link #beforeScan}: an owner holds puts, or
   *     deferred puts are pending (else the scan need not serialize its bounds for them)
   */
  boolean watchesScans() {
    return handOver != null || !pending.isEmpty();
  }

  /**
   * Before a scan of {@code [from, to)} below: has the owner hand its held puts over if their range
   * overlaps the scan's, then sends every deferred put down if one may lie in it.
   *
   * @param from the scan's first serialized key
   * @param to the serialized key after its last
   */
  void beforeScan(byte[] from, byte[] to) {
    if (handOver != null && Arrays.compareUnsigned(from, heldTo) < 0 && Arrays.compareUnsigned(to, heldFrom) > 0) {
      handOver.run(); // the owner's held puts become deferred ones, which the check below sends down
    }
    if (!pending.isEmpty() && Arrays.compareUnsigned(highest, from) >= 0 && Arrays.compareUnsigned(lowest, to) < 0) {
      writeDown();
    }
  }

  /**
   * Sends every deferred put the whole way: unlogged ones to the changelog and the engine, logged
   * ones to the engine only; then none is pending.
   *
   * @throws RuntimeException what the layers below throw; the puts then stay pending
   */
  void writeDown() {
    if (pending.isEmpty()) {
      return;
    }
    coverage.evicted(); // below holds keys the slots do not
    List<Entry<Object, Object>> unlogged = new ArrayList<>(pending.size());
    List<Entry<byte[], byte[]>> logged = new ArrayList<>();
    for (int i = 0, n = pending.capacity(); i < n; i++) {
      if (!pending.used(i)) {
        continue;
      }
      if (pending.logged(i) != null) {
        logged.add(pending.logged(i));
      } else {
        unlogged.add(new Entry<>(pending.key(i), pending.value(i)));
      }
    }
    if (!logged.isEmpty()) {
      splitter.putAllLogged(logged);
    }
    if (!unlogged.isEmpty()) {
      below.putAll(unlogged); // on a failure they stay pending
    }
    pending.clear();
    lowest = null;
    highest = null;
  }

  /** The exactly-once commit: sends the unlogged puts to the changelog only; they stay pending, logged. */
  void log() {
    if (pending.isEmpty()) {
      return;
    }
    int[] unlogged = new int[pending.size()];
    int count = 0;
    List<Entry<Object, Object>> batch = new ArrayList<>();
    for (int i = 0, n = pending.capacity(); i < n; i++) {
      if (pending.used(i) && pending.logged(i) == null) {
        unlogged[count++] = i;
        batch.add(new Entry<>(pending.key(i), pending.value(i)));
      }
    }
    if (count == 0) {
      return;
    }
    List<Entry<byte[], byte[]>> sent = splitter.logAll(batch);
    for (int j = 0; j < count; j++) {
      pending.logged(unlogged[j], sent.get(j));
    }
  }

  /** Writes the logged puts to the engine (before a local snapshot); unlogged ones stay pending. */
  void writeLogged() {
    if (pending.isEmpty()) {
      return;
    }
    List<Entry<byte[], byte[]>> logged = new ArrayList<>();
    for (int i = 0, n = pending.capacity(); i < n; i++) {
      if (pending.used(i) && pending.logged(i) != null) {
        logged.add(pending.logged(i));
      }
    }
    if (logged.isEmpty()) {
      return;
    }
    coverage.evicted();
    splitter.putAllLogged(logged);
    pending.removeLogged();
    if (pending.isEmpty()) {
      lowest = null;
      highest = null;
    }
  }
}
