package io.strand.streams.internal.runtime;

import java.util.Arrays;

/**
 * A join buffer's records by key ({@link JoinBuffer}): an open-addressing table (linear probing,
 * removal by backward shift) of {@link JoinRecords}, each holding the bytes of its key. A
 * key is looked up as a slice of an array (the key inside a record key, or a whole serialized
 * key), so no lookup allocates.
 *
 * <p>Why not a {@code HashMap}: session 13's profile of the join thread had a fifth of it in the
 * map's node walk and in the key object each lookup built. Here a probe reads one array slot and
 * the records' cached hash before comparing bytes, and a key costs no node.
 *
 * <p>Threading: not thread-safe; the task's thread, as the buffer.
 */
final class JoinKeyTable {
  private static final int MIN_CAPACITY = 64;

  private JoinRecords[] slots = new JoinRecords[MIN_CAPACITY];
  /**
   * Each slot's {@link JoinRecords#hash}, beside it: a probe passes a slot of another key
   * without loading its records (session 15's profile had 5 % of the join's thread on that load,
   * most lookups of the other side's buffer being of keys it does not hold).
   */
  private int[] hashes = new int[MIN_CAPACITY];
  private int size;

  /** @return the keys held */
  int size() {
    return size;
  }

  /** Forgets every key. */
  void clear() {
    if (size > 0 || slots.length > MIN_CAPACITY) {
      slots = new JoinRecords[MIN_CAPACITY];
      hashes = new int[MIN_CAPACITY];
      size = 0;
    }
  }

  /** The hash of {@code bytes[offset, offset + length)}, spread over the high bits too. */
  static int hash(byte[] bytes, int offset, int length) {
    int h = 1;
    for (int i = offset, end = offset + length; i < end; i++) {
      h = 31 * h + bytes[i];
    }
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /**
   * @param bytes holds the key
   * @param offset where the key starts
   * @param length the key's length
   * @param hash {@link #hash} of the key
   * @return the key's records, or null
   */
  JoinRecords get(byte[] bytes, int offset, int length, int hash) {
    JoinRecords[] s = slots;
    int[] h = hashes;
    int mask = s.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      JoinRecords r = s[i];
      if (r == null) {
        return null;
      }
      if (h[i] == hash && r.keyIs(bytes, offset, length)) {
        return r;
      }
    }
  }

  /**
   * Adds a key's records (the key must not be held).
   *
   * @param records the records, their key and hash set
   */
  void add(JoinRecords records) {
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    place(slots, hashes, records);
    size++;
  }

  private static void place(JoinRecords[] s, int[] h, JoinRecords records) {
    int mask = s.length - 1;
    int i = records.hash & mask;
    while (s[i] != null) {
      i = (i + 1) & mask;
    }
    s[i] = records;
    h[i] = records.hash;
  }

  private void grow() {
    JoinRecords[] bigger = new JoinRecords[slots.length * 2];
    int[] biggerHashes = new int[bigger.length];
    for (JoinRecords r : slots) {
      if (r != null) {
        place(bigger, biggerHashes, r);
      }
    }
    slots = bigger;
    hashes = biggerHashes;
  }

  /**
   * Removes a key's records (backward shift: the entries after it in its probe run move up, so no
   * tombstone is left to lengthen later probes).
   *
   * @param records records held here
   */
  void remove(JoinRecords records) {
    JoinRecords[] s = slots;
    int[] h = hashes;
    int mask = s.length - 1;
    int i = records.hash & mask;
    while (s[i] != records) {
      if (s[i] == null) {
        return;
      }
      i = (i + 1) & mask;
    }
    size--;
    int gap = i;
    for (int j = (gap + 1) & mask; s[j] != null; j = (j + 1) & mask) {
      int home = h[j] & mask;
      // s[j] may fill the gap if its home is not in (gap, j] (cyclically)
      if (gap <= j ? (home <= gap || home > j) : (home <= gap && home > j)) {
        s[gap] = s[j];
        h[gap] = h[j];
        gap = j;
      }
    }
    s[gap] = null;
    if (size == 0 && s.length > MIN_CAPACITY * 64) {
      slots = new JoinRecords[MIN_CAPACITY]; // a burst's table does not stay
      hashes = new int[MIN_CAPACITY];
    }
  }

  /** For {@link JoinRecords#keyIs}. */
  static boolean equal(byte[] a, int aOffset, int aLength, byte[] b, int bOffset, int bLength) {
    return Arrays.equals(a, aOffset, aOffset + aLength, b, bOffset, bOffset + bLength);
  }
}
