package io.strand.kv.layers;

import io.strand.storage.kv.Entry;
import java.util.Arrays;

/**
 * The deferred puts of {@link BehindEntries} by key: an open-addressing table (linear probing,
 * removal by backward shift) in parallel arrays of keys, their {@link SlotTable#hash}, values and
 * logged bytes. Keys compare as the cache's do: {@code byte[]} by content, others by
 * {@code equals}. Callers address an entry by the slot index {@link #indexOf} gives, valid until
 * the next add or remove.
 *
 * <p>Why not a {@code HashMap}: a stream-stream join adds and removes one deferred put per record,
 * and session 13's profile had about a tenth of the join's thread in the map's put, resize and
 * remove, with a key wrapper, an entry and a node per record, all living as long as the record (a
 * second or more: each survived young collections). Here an add allocates nothing (but the
 * doubling of the arrays) and a probe reads the hash array before comparing a key.
 *
 * <p>Threading: not thread-safe; the owning cache's task thread.
 */
final class BehindTable {
  private static final int MIN_CAPACITY = 64;

  private Object[] keys;
  private int[] hashes;
  private Object[] values;
  /** The serialized entry sent to the changelog only, or null while unlogged. */
  private Entry<byte[], byte[]>[] logged;
  private int size;

  BehindTable() {
    allocate(MIN_CAPACITY);
  }

  @SuppressWarnings("unchecked")
  private void allocate(int capacity) {
    keys = new Object[capacity];
    hashes = new int[capacity];
    values = new Object[capacity];
    logged = (Entry<byte[], byte[]>[]) new Entry<?, ?>[capacity];
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** @return the number of slots: indexes run from 0 below it */
  int capacity() {
    return keys.length;
  }

  /** @return the slot of the key, or -1 */
  int indexOf(Object key, int hash) {
    Object[] k = keys;
    int mask = k.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      Object held = k[i];
      if (held == null) {
        return -1;
      }
      if (hashes[i] == hash && (held instanceof byte[] mine
          ? key instanceof byte[] theirs && Arrays.equals(mine, theirs) : held.equals(key))) {
        return i;
      }
    }
  }

  /** @return whether slot {@code i} holds an entry */
  boolean used(int i) {
    return keys[i] != null;
  }

  Object key(int i) {
    return keys[i];
  }

  Object value(int i) {
    return values[i];
  }

  Entry<byte[], byte[]> logged(int i) {
    return logged[i];
  }

  /** Sets an entry's value; it is unlogged again (the changelog needs the new value). */
  void replace(int i, Object value) {
    values[i] = value;
    logged[i] = null;
  }

  void logged(int i, Entry<byte[], byte[]> sent) {
    logged[i] = sent;
  }

  /** Adds an unlogged entry whose key is not held. */
  void add(Object key, int hash, Object value) {
    if ((size + 1) * 2 > keys.length) {
      resize(keys.length * 2);
    }
    place(key, hash, value, null);
    size++;
  }

  private void place(Object key, int hash, Object value, Entry<byte[], byte[]> sent) {
    int mask = keys.length - 1;
    int i = hash & mask;
    while (keys[i] != null) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    hashes[i] = hash;
    values[i] = value;
    logged[i] = sent;
  }

  private void resize(int capacity) {
    Object[] oldKeys = keys;
    int[] oldHashes = hashes;
    Object[] oldValues = values;
    Entry<byte[], byte[]>[] oldLogged = logged;
    allocate(capacity);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        place(oldKeys[i], oldHashes[i], oldValues[i], oldLogged[i]);
      }
    }
  }

  /**
   * Removes slot {@code i}'s entry (backward shift: the entries after it in its probe run move up,
   * so no tombstone lengthens later probes). Other slot indexes may change.
   */
  void removeAt(int i) {
    Object[] k = keys;
    int mask = k.length - 1;
    size--;
    int gap = i;
    for (int j = (gap + 1) & mask; k[j] != null; j = (j + 1) & mask) {
      int home = hashes[j] & mask;
      // k[j] may fill the gap unless its home lies cyclically in (gap, j]
      if (gap <= j ? (home <= gap || home > j) : (home <= gap && home > j)) {
        k[gap] = k[j];
        hashes[gap] = hashes[j];
        values[gap] = values[j];
        logged[gap] = logged[j];
        gap = j;
      }
    }
    k[gap] = null;
    values[gap] = null;
    logged[gap] = null;
  }

  /** Removes every entry (a large table is not kept: the next commit's puts may be few). */
  void clear() {
    if (keys.length > MIN_CAPACITY) {
      allocate(MIN_CAPACITY);
    } else {
      Arrays.fill(keys, null);
      Arrays.fill(values, null);
      Arrays.fill(logged, null);
    }
    size = 0;
  }

  /** Removes every logged entry, keeping the unlogged ones. */
  void removeLogged() {
    Object[] oldKeys = keys;
    int[] oldHashes = hashes;
    Object[] oldValues = values;
    Entry<byte[], byte[]>[] oldLogged = logged;
    allocate(oldKeys.length);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null && oldLogged[i] == null) {
        place(oldKeys[i], oldHashes[i], oldValues[i], null);
        size++;
      }
    }
  }
}
