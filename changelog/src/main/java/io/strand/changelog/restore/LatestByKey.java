package io.strand.changelog.restore;

import java.util.Arrays;

/**
 * The latest value of each distinct key, keys compared by content: an open-addressing table over
 * plain arrays. A restore puts every changelog record here (millions per second), and a
 * {@code HashMap<ByteBuffer, byte[]>} spent most of its time in {@code ByteBuffer.hashCode}, which
 * reads the key one byte at a time, and in allocating a wrapper and a node per record; this table
 * hashes the array once per put and allocates only when it grows.
 *
 * <p>Values may be null (a tombstone is a value here). Keys are kept, not copied.
 *
 * <p>Threading: one thread.
 */
final class LatestByKey {

  /** Returned by {@link #put} when the key was not in the table. */
  static final int ABSENT = -1;

  private static final int MIN_CAPACITY = 16;

  private byte[][] keys;
  private byte[][] values;
  private int[] hashes;
  private int size;
  private int mask;
  private int shift;

  /** An empty table. */
  LatestByKey() {
    allocate(MIN_CAPACITY);
  }

  /**
   * Sets a key's value, replacing any value it had.
   *
   * @param key the key, not null
   * @param value the value, or null
   * @return {@link #ABSENT} if the key was new, else the length of the value it replaced in bytes
   *     (0 for a null value)
   */
  int put(byte[] key, byte[] value) {
    int hash = hash(key);
    int i = hash >>> shift;
    while (true) {
      byte[] k = keys[i];
      if (k == null) {
        keys[i] = key;
        values[i] = value;
        hashes[i] = hash;
        if (++size > (mask + 1) >>> 1) {
          grow();
        }
        return ABSENT;
      }
      if (hashes[i] == hash && Arrays.equals(k, key)) {
        byte[] previous = values[i];
        values[i] = value;
        return previous == null ? 0 : previous.length;
      }
      i = (i + 1) & mask;
    }
  }

  /**
   * Distinct keys held.
   *
   * @return the number of keys
   */
  int size() {
    return size;
  }

  /**
   * Calls {@code action} once per key, in no particular order.
   *
   * @param action receives each key and its latest value (null for a tombstone)
   */
  void forEach(EntryAction action) {
    for (int i = 0; i <= mask; i++) {
      if (keys[i] != null) {
        action.accept(keys[i], values[i]);
      }
    }
  }

  /** Removes every key, keeping the table's capacity for the next batch. */
  void clear() {
    Arrays.fill(keys, null);
    Arrays.fill(values, null);
    size = 0;
  }

  /** Receives the entries of {@link #forEach}. */
  @FunctionalInterface
  interface EntryAction {
    /**
     * One entry.
     *
     * @param key the key
     * @param value its latest value, or null
     */
    void accept(byte[] key, byte[] value);
  }

  // Fibonacci hashing of the content hash: the table index is its top bits, which mixes keys that
  // differ only in their last bytes (sequence numbers, counters) across the table.
  private static int hash(byte[] key) {
    return Arrays.hashCode(key) * 0x9E3779B9;
  }

  private void grow() {
    byte[][] oldKeys = keys;
    byte[][] oldValues = values;
    int[] oldHashes = hashes;
    allocate(oldKeys.length * 2);
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != null) {
        int i = oldHashes[j] >>> shift;
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        values[i] = oldValues[j];
        hashes[i] = oldHashes[j];
      }
    }
  }

  private void allocate(int capacity) {
    keys = new byte[capacity][];
    values = new byte[capacity][];
    hashes = new int[capacity];
    mask = capacity - 1;
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
  }
}
