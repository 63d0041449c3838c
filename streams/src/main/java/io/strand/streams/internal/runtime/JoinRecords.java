package io.strand.streams.internal.runtime;

import java.util.Arrays;

/**
 * One key's records held in memory by a join buffer ({@link JoinBuffer}), by event time then
 * arrival, in a window of arrays that drops from the front: records expire oldest first, so a drop
 * moves {@link #head} and an add mostly appends. The buffer finds a key's records through its
 * {@link JoinKeyTable}. A record's bytes lie in its time segment's slab ({@link JoinSlab}); here
 * are its time and where its entry is. A lookup hands out where the records it meets lie
 * ({@link JoinMatches}), so the operator reads them in place; the slab's bytes are never copied by
 * the collector.
 *
 * <p>Threading: not thread-safe; the task's thread, as the buffer.
 */
final class JoinRecords {
  /** Holds the key, at {@link #keyOffset}: the buffer's own copy, never a slab (it would outlive its segment). */
  final byte[] keyBytes;
  final int keyOffset;
  final int keyLength;
  final int hash;
  /**
   * The key's bytes (up to 8) packed in a long: a key of at most 8 bytes (the benchmark's long
   * keys) compares without loading {@link #keyBytes}, an old array a lookup would miss the CPU
   * cache on.
   */
  private final long keyHead;
  long[] times = new long[4];
  /** Each record's entry: the array of its segment's slab ({@link JoinSlab}) and its offset there. */
  byte[][] chunks = new byte[4][];
  int[] offsets = new int[4];
  int head;
  int size;

  JoinRecords(byte[] keyBytes, int keyOffset, int keyLength, int hash) {
    this.keyBytes = keyBytes;
    this.keyOffset = keyOffset;
    this.keyLength = keyLength;
    this.hash = hash;
    this.keyHead = head(keyBytes, keyOffset, keyLength);
  }

  boolean keyIs(byte[] bytes, int offset, int length) {
    if (length != keyLength || head(bytes, offset, length) != keyHead) {
      return false;
    }
    return length <= Long.BYTES || JoinKeyTable.equal(keyBytes, keyOffset, keyLength, bytes, offset, length);
  }

  /** The first (up to) 8 bytes of {@code bytes[offset, offset + length)}, packed; for a length up to 8, the whole key. */
  private static long head(byte[] bytes, int offset, int length) {
    long h = 0;
    for (int i = offset, end = offset + Math.min(length, Long.BYTES); i < end; i++) {
      h = h << 8 | (bytes[i] & 0xffL);
    }
    return h;
  }

  void add(long time, byte[] chunk, int offset) {
    if (head + size == times.length) {
      if (head > 0 && size <= times.length / 2) {
        shift();
      } else {
        int capacity = Math.max(4, (size * 2));
        times = Arrays.copyOfRange(times, head, head + capacity);
        chunks = Arrays.copyOfRange(chunks, head, head + capacity);
        offsets = Arrays.copyOfRange(offsets, head, head + capacity);
        head = 0;
      }
    }
    int at = head + size;
    // After every record of the same or an earlier time: arrival order within a time, as the
    // store's sequence numbers sort (restored records come in store order).
    while (at > head && times[at - 1] > time) {
      at--;
    }
    int end = head + size;
    if (at < end) {
      System.arraycopy(times, at, times, at + 1, end - at);
      System.arraycopy(chunks, at, chunks, at + 1, end - at);
      System.arraycopy(offsets, at, offsets, at + 1, end - at);
    }
    times[at] = time;
    chunks[at] = chunk;
    offsets[at] = offset;
    size++;
  }

  private void shift() {
    System.arraycopy(times, head, times, 0, size);
    System.arraycopy(chunks, head, chunks, 0, size);
    System.arraycopy(offsets, head, offsets, 0, size);
    Arrays.fill(chunks, size, head + size, null);
    head = 0;
  }

  /** The index of the first record at or after {@code time}. */
  private int first(long time) {
    int lo = head;
    int hi = head + size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid] < time) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Adds the records with time in {@code [from, to]} to {@code out}, where they lie in their slabs (no copy). */
  void between(long from, long to, JoinMatches out) {
    for (int i = first(from), end = head + size; i < end && times[i] <= to; i++) {
      out.add(chunks[i], offsets[i], times[i]);
    }
  }

  private int indexOf(long time, byte[] recordKey) {
    for (int i = first(time), end = head + size; i < end && times[i] == time; i++) {
      if (JoinSlab.keyEquals(chunks[i], offsets[i], recordKey)) {
        return i;
      }
    }
    return -1;
  }

  /** @return a copy of the record's stored value, or null if it is not held */
  byte[] get(long time, byte[] recordKey) {
    int i = indexOf(time, recordKey);
    return i < 0 ? null : JoinSlab.stored(chunks[i], offsets[i]);
  }

  /** Writes the record's stored value in place (same length: the match flag). */
  void set(long time, byte[] recordKey, byte[] stored) {
    int i = indexOf(time, recordKey);
    if (i >= 0) {
      JoinSlab.setStored(chunks[i], offsets[i], stored);
    }
  }

  /** Drops the records before {@code time}. @return their key and value bytes */
  long dropBefore(long time) {
    long bytes = 0;
    while (size > 0 && times[head] < time) {
      byte[] chunk = chunks[head];
      int at = offsets[head];
      bytes += JoinSlab.keyLength(chunk, at) + Math.max(0, JoinSlab.storedLength(chunk, at));
      chunks[head] = null;
      head++;
      size--;
    }
    if (size == 0) {
      head = 0;
    }
    return bytes;
  }
}
