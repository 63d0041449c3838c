package io.strand.kv.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The deferred puts of {@link BehindEntries} by key: an open-addressing table (linear probing,
 * removal by backward shift) of {@link Pending} entries, each holding its key and the key's
 * {@link SlotTable#hash}. Keys compare as the cache's do: {@code byte[]} by content, others by
 * {@code equals}.
 *
 * <p>Why not a {@code HashMap}: a stream-stream join adds and removes one deferred put per record,
 * and session 13's profile had about a tenth of the join's thread in the map's put, resize and
 * remove, each with a key wrapper and a node. Here an add is one entry object and a probe of one
 * array; a lookup allocates nothing.
 *
 * <p>Threading: not thread-safe; the owning cache's task thread.
 */
final class BehindTable {
  private static final int MIN_CAPACITY = 64;

  /** One deferred put: the value, and the bytes the changelog got once logged. */
  static final class Pending {
    final Object key;
    final int hash;
    Object value;
    /** The serialized entry sent to the changelog only, or null while unlogged. */
    io.strand.storage.kv.Entry<byte[], byte[]> logged;

    Pending(Object key, int hash, Object value) {
      this.key = key;
      this.hash = hash;
      this.value = value;
    }

    boolean keyIs(Object other) {
      return key instanceof byte[] mine ? other instanceof byte[] theirs && Arrays.equals(mine, theirs)
          : key.equals(other);
    }
  }

  private Pending[] slots = new Pending[MIN_CAPACITY];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** @return the key's entry, or null */
  Pending get(Object key, int hash) {
    Pending[] s = slots;
    int mask = s.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      Pending p = s[i];
      if (p == null) {
        return null;
      }
      if (p.hash == hash && p.keyIs(key)) {
        return p;
      }
    }
  }

  /** Adds an entry whose key is not held. */
  void add(Pending p) {
    if ((size + 1) * 2 > slots.length) {
      Pending[] bigger = new Pending[slots.length * 2];
      for (Pending q : slots) {
        if (q != null) {
          place(bigger, q);
        }
      }
      slots = bigger;
    }
    place(slots, p);
    size++;
  }

  private static void place(Pending[] s, Pending p) {
    int mask = s.length - 1;
    int i = p.hash & mask;
    while (s[i] != null) {
      i = (i + 1) & mask;
    }
    s[i] = p;
  }

  /** Removes the key's entry. @return it, or null */
  Pending remove(Object key, int hash) {
    Pending[] s = slots;
    int mask = s.length - 1;
    int i = hash & mask;
    for (; ; i = (i + 1) & mask) {
      Pending p = s[i];
      if (p == null) {
        return null;
      }
      if (p.hash == hash && p.keyIs(key)) {
        break;
      }
    }
    Pending removed = s[i];
    size--;
    int gap = i;
    for (int j = (gap + 1) & mask; s[j] != null; j = (j + 1) & mask) {
      int home = s[j].hash & mask;
      // s[j] may fill the gap unless its home lies cyclically in (gap, j]
      if (gap <= j ? (home <= gap || home > j) : (home <= gap && home > j)) {
        s[gap] = s[j];
        gap = j;
      }
    }
    s[gap] = null;
    if (size == 0 && s.length > MIN_CAPACITY) {
      slots = new Pending[MIN_CAPACITY]; // a burst's table does not stay between commits
    }
    return removed;
  }

  /** @return every entry, in table order */
  List<Pending> all() {
    List<Pending> all = new ArrayList<>(size);
    for (Pending p : slots) {
      if (p != null) {
        all.add(p);
      }
    }
    return all;
  }

  /** Removes every entry. */
  void clear() {
    slots = new Pending[MIN_CAPACITY];
    size = 0;
  }

  /** Removes every logged entry (rebuilding the table from the rest). */
  void removeLogged() {
    Pending[] old = slots;
    slots = new Pending[MIN_CAPACITY];
    size = 0;
    for (Pending p : old) {
      if (p != null && p.logged == null) {
        add(p);
      }
    }
  }
}
