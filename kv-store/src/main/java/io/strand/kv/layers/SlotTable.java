package io.strand.kv.layers;

import io.strand.storage.kv.Entry;
import java.util.Arrays;

/**
 * The object cache's index: an open-addressing hash table (linear probing) of {@link Slot}s, with
 * CLOCK ("second chance") eviction over its own array.
 *
 * <p>Why not a {@code LinkedHashMap} in access order: with a cache of 100,000 entries per task (a
 * million keys, Zipf 1.0) a JFR profile of the stateful count put 16 % of the task thread in the
 * map's lookup, nearly all of it waiting on memory: table, node, key, then the slot, and every hit
 * also relinked the node and its two neighbours to keep the LRU order. Here a lookup reads the
 * array and the slot, whose stored hash rejects most other keys before their key object is read,
 * and a hit only sets the slot's {@code referenced} flag.
 *
 * <p>CLOCK approximates LRU: the hand sweeps a ring of the slots (a second array, each slot at
 * the position it took when added); a referenced slot is spared once (its flag cleared), the first
 * unreferenced slot is the victim, and a new slot takes the ring position the last one left, the
 * one the hand reaches last. New slots start unreferenced, so a key seen once goes before a key
 * read again since the hand last passed. The table keeps at most half its array in use, and grows
 * by doubling until it can hold {@code capacity} slots at that load.
 *
 * <p>Why a ring of its own: the hand used to sweep the hash array itself, so a full cache evicted
 * its slots in array order while new slots landed anywhere; the array then filled unevenly, near
 * empty behind the hand and near full ahead of it, and a miss walked some 9 slots on average
 * instead of the 2.5 of an evenly half-full array (a join buffer's cache of 1,000 entries, whose
 * every write is a new key: the lookup was 6 % of the join's task thread). Evicting by ring
 * position keeps the hash array's gaps where the hashes put them.
 *
 * <p>Keys are compared with {@code equals}; {@code byte[]} keys by content (the slot holds the
 * cache's own copy).
 *
 * <p>Threading: not thread-safe; one task thread, as the cache that owns it.
 */
final class SlotTable {
  private static final int MAX_INITIAL_SLOTS = 1 << 16;
  private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

  private int capacity;
  private Slot[] slots;
  private int mask;
  private int size;
  /** CLOCK's ring: each slot at its {@link Slot#clock} position, null where a slot left. */
  private Slot[] ring;
  /** Ring positions in use or freed: the hand sweeps {@code [0, ringEnd)}. */
  private int ringEnd;
  /** Freed ring positions below {@link #ringEnd}, the last freed on top. */
  private int[] free;
  private int freeCount;
  private int hand;

  /**
   * An empty table.
   *
   * @param capacity the most slots the cache keeps, at least 1; the array is sized for at most
   *     {@value #MAX_INITIAL_SLOTS} of them at first
   */
  SlotTable(int capacity) {
    this.capacity = capacity;
    this.slots = new Slot[arrayLength(Math.min(capacity, MAX_INITIAL_SLOTS))];
    this.mask = slots.length - 1;
    this.ring = new Slot[Math.min(capacity, MAX_INITIAL_SLOTS)];
    this.free = new int[16];
  }

  /**
   * The hash a slot of {@code key} carries, spread so linear probing sees few runs. A byte array
   * is hashed by content 8 bytes at a time with a mixing step rather than with
   * {@code Arrays.hashCode}'s 31-polynomial, which maps structured keys (an id and a time,
   * big-endian) onto the same values often enough to make long probe runs.
   */
  static int hash(Object key) {
    if (key instanceof byte[] bytes) {
      return hashBytes(bytes);
    }
    int h = key.hashCode() * 0x9E3779B9; // Fibonacci hashing: consecutive numbers (Long, Integer keys) land far apart
    return h ^ (h >>> 16);
  }

  private static int hashBytes(byte[] b) {
    long h = b.length;
    int i = 0;
    for (; i + 8 <= b.length; i += 8) {
      h = (h ^ longAt(b, i)) * MULTIPLIER;
    }
    for (; i < b.length; i++) {
      h = (h ^ (b[i] & 0xff)) * MULTIPLIER;
    }
    h ^= h >>> 32;
    h *= 0xD6E8FEB86659FD93L;
    return (int) (h ^ (h >>> 32));
  }

  /**
   * The little-endian long at {@code b[i, i + 8)}, read a byte at a time rather than through a
   * {@code byteArrayViewVarHandle}: under the join's deferred put ({@code StreamJoinOp.process}
   * inlined down to {@link CachedStore#putBehind}) JFR put 14-19 % of the join's thread on the
   * handle's read and 7 % on this form (session 15 h1, loaded machine). Session 14's compilation log
   * showed the handle inlined there, so the cost is more likely the first touch of a key built just
   * before than the read itself; no records/s change was measurable either way. Same hash values.
   */
  private static long longAt(byte[] b, int i) {
    return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24
        | (b[i + 4] & 0xffL) << 32 | (b[i + 5] & 0xffL) << 40 | (b[i + 6] & 0xffL) << 48 | (b[i + 7] & 0xffL) << 56;
  }

  /**
   * The slot of a key.
   *
   * @param key the caller's key
   * @param hash {@link #hash} of it
   * @return the slot, or null if the key is not cached
   */
  Slot find(Object key, int hash) {
    Slot[] t = slots;
    int m = mask;
    for (int i = hash & m; ; i = (i + 1) & m) {
      Slot s = t[i];
      if (s == null) {
        return null;
      }
      if (s.hash == hash && s.matches(key)) {
        return s;
      }
    }
  }

  /**
   * Adds a slot whose key is not in the table; the caller makes room first ({@link #victim},
   * {@link #remove}) if the table is full.
   *
   * @param slot the new slot
   */
  void add(Slot slot) {
    if ((size + 1) * 2 > slots.length && slots.length < arrayLength(capacity)) {
      grow();
    }
    place(slots, mask, slot);
    size++;
    int at;
    if (freeCount > 0) {
      at = free[--freeCount];
    } else {
      if (ringEnd == ring.length) {
        ring = Arrays.copyOf(ring, Math.max(16, ring.length * 2));
      }
      at = ringEnd++;
    }
    ring[at] = slot;
    slot.clock = at;
  }

  /**
   * The slot CLOCK evicts next: the first unreferenced slot from the hand on, clearing the flag of
   * every referenced slot passed. The slot stays in the table until {@link #remove}d.
   *
   * @return the victim; never null while the table is not empty
   * @throws IllegalStateException if the table is empty
   */
  Slot victim() {
    if (size == 0) {
      throw new IllegalStateException("no slot to evict");
    }
    Slot[] r = ring;
    for (;;) {
      Slot s = r[hand];
      hand = hand + 1 < ringEnd ? hand + 1 : 0; // past the victim too: its successor takes its place, reached last
      if (s != null) {
        if (!s.referenced) {
          return s;
        }
        s.referenced = false;
      }
    }
  }

  /**
   * Removes a slot, moving later slots of its probe run back so every key stays reachable.
   *
   * @param slot a slot in the table
   */
  void remove(Slot slot) {
    Slot[] t = slots;
    int m = mask;
    int i = slot.hash & m;
    while (t[i] != slot) {
      i = (i + 1) & m;
    }
    t[i] = null;
    size--;
    ring[slot.clock] = null;
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, free.length * 2);
    }
    free[freeCount++] = slot.clock;
    for (int j = (i + 1) & m; t[j] != null; j = (j + 1) & m) {
      int home = t[j].hash & m;
      // t[j] may fill the hole at i unless its home lies cyclically in (i, j].
      boolean stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
      if (!stays) {
        t[i] = t[j];
        t[j] = null;
        i = j;
      }
    }
  }

  /**
   * How many array places a lookup of a key not in the table reads (its probe run, the empty place
   * that ends it included): what a miss costs. For tests.
   *
   * @param hash {@link #hash} of the key
   * @return at least 1
   */
  int missProbes(int hash) {
    int n = 1;
    for (int i = hash & mask; slots[i] != null; i = (i + 1) & mask) {
      n++;
    }
    return n;
  }

  /** @return slots in the table */
  int size() {
    return size;
  }

  /** @return the most slots the cache keeps */
  int capacity() {
    return capacity;
  }

  /**
   * Changes the most slots the cache keeps (a byte budget's entries as entry sizes are measured):
   * the array may grow up to the new figure; a table over it keeps its slots until the caller
   * evicts them.
   *
   * @param capacity at least 1
   */
  void capacity(int capacity) {
    this.capacity = capacity;
  }

  private void grow() {
    Slot[] old = slots;
    Slot[] t = new Slot[old.length * 2];
    int m = t.length - 1;
    for (Slot s : old) {
      if (s != null) {
        place(t, m, s);
      }
    }
    slots = t;
    mask = m;
  }

  private static void place(Slot[] t, int m, Slot slot) {
    int i = slot.hash & m;
    while (t[i] != null) {
      i = (i + 1) & m;
    }
    t[i] = slot;
  }

  /** A power of two at least twice {@code entries}: the table stays at most half full. */
  private static int arrayLength(int entries) {
    long want = Math.max(2L, 2L * entries);
    return (int) Math.min(1L << 30, Long.highestOneBit(want - 1) << 1);
  }

  /**
   * A cached value (null: known absent or deleted). Mutable, so marking it clean or referenced
   * moves nothing.
   */
  static final class Slot {
    /** The key written down: the caller's object, or the cache's own copy of a byte[] key. */
    final Object key;
    final int hash;
    Object value;
    boolean dirty;
    boolean referenced;
    /** The slot's position in CLOCK's ring, while it is in the table. */
    int clock;
    /** The key's serialized form, once a range scan has needed it; null until then. */
    byte[] keyBytes;
    /** While in a {@link DirtyIndex}: 8 bytes of {@link #keyBytes} after the prefix all its keys share. */
    long keyWindow;
    /** The serialized entry the changelog got and the engine not yet (exactly-once commits), or null. */
    Entry<byte[], byte[]> logged;
    /**
     * Whether the layers below (changelog, engine) may hold a value for the key: false when the
     * cache read it there as absent, or wrote its deletion down, and has written no value since.
     */
    boolean below = true;

    Slot(Object key, int hash, Object value, boolean dirty) {
      this.key = key;
      this.hash = hash;
      this.value = value;
      this.dirty = dirty;
    }

    boolean matches(Object other) {
      return key instanceof byte[] mine ? other instanceof byte[] theirs && Arrays.equals(mine, theirs)
          : key.equals(other);
    }
  }
}
