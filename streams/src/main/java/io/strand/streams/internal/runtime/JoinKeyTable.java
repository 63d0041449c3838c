package io.strand.streams.internal.runtime;

import java.util.Arrays;

/**
 * A join buffer's records by key ({@link JoinBuffer}): an open-addressing table (linear probing,
 * removal by backward shift) of {@link JoinBuffer.Records}, each holding the bytes of its key. A
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

  private JoinBuffer.Records[] slots = new JoinBuffer.Records[MIN_CAPACITY];
  private int size;

  /** @return the keys held */
  int size() {
    return size;
  }

  /** Forgets every key. */
  void clear() {
    if (size > 0 || slots.length > MIN_CAPACITY) {
      slots = new JoinBuffer.Records[MIN_CAPACITY];
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
  JoinBuffer.Records get(byte[] bytes, int offset, int length, int hash) {
    JoinBuffer.Records[] s = slots;
    int mask = s.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      JoinBuffer.Records r = s[i];
      if (r == null) {
        return null;
      }
      if (r.hash == hash && r.keyIs(bytes, offset, length)) {
        return r;
      }
    }
  }

  /**
   * Adds a key's records (the key must not be held).
   *
   * @param records the records, their key and hash set
   */
  void add(JoinBuffer.Records records) {
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    place(slots, records);
    size++;
  }

  private static void place(JoinBuffer.Records[] s, JoinBuffer.Records records) {
    int mask = s.length - 1;
    int i = records.hash & mask;
    while (s[i] != null) {
      i = (i + 1) & mask;
    }
    s[i] = records;
  }

  private void grow() {
    JoinBuffer.Records[] bigger = new JoinBuffer.Records[slots.length * 2];
    for (JoinBuffer.Records r : slots) {
      if (r != null) {
        place(bigger, r);
      }
    }
    slots = bigger;
  }

  /**
   * Removes a key's records (backward shift: the entries after it in its probe run move up, so no
   * tombstone is left to lengthen later probes).
   *
   * @param records records held here
   */
  void remove(JoinBuffer.Records records) {
    JoinBuffer.Records[] s = slots;
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
      int home = s[j].hash & mask;
      // s[j] may fill the gap if its home is not in (gap, j] (cyclically)
      if (gap <= j ? (home <= gap || home > j) : (home <= gap && home > j)) {
        s[gap] = s[j];
        gap = j;
      }
    }
    s[gap] = null;
    if (size == 0 && s.length > MIN_CAPACITY * 64) {
      slots = new JoinBuffer.Records[MIN_CAPACITY]; // a burst's table does not stay
    }
  }

  /** For {@link JoinBuffer.Records#keyIs}. */
  static boolean equal(byte[] a, int aOffset, int aLength, byte[] b, int bOffset, int bLength) {
    return Arrays.equals(a, aOffset, aOffset + aLength, b, bOffset, bOffset + bLength);
  }
}
