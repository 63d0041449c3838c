package io.strand.streams.internal.runtime;

import io.strand.storage.kv.Entry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The records one lookup of a join buffer met ({@link JoinBuffer#find(byte[], long, long, JoinMatches)}),
 * by time then arrival: each as its entry in a slab array ({@link JoinSlab}) and its event time,
 * read in place. One instance per operator, cleared by each lookup, so a lookup allocates nothing
 * while the buffer is in memory.
 *
 * <p>Why: a lookup copied out each record it met (its record key and its stored value, two
 * arrays), and the operator then copied the value once more to decode it; session 18's profile of
 * the join put those copies and their collection among the largest costs of the task thread. The
 * operator now decodes straight from the slab (one copy: the value the joiner gets). While the
 * buffer has fallen back to its store, the store's records are appended to a scratch slab, so the
 * operator reads both the same way.
 *
 * <p>Valid until the next lookup, drop or load of the buffer: a drop lets go of the slab arrays.
 *
 * <p>Threading: not thread-safe; the task's thread, as the buffer.
 */
final class JoinMatches {
  private byte[][] chunks = new byte[8][];
  private int[] offsets = new int[8];
  private long[] times = new long[8];
  private int size;

  /** Forgets the records of the last lookup. */
  void clear() {
    Arrays.fill(chunks, 0, size, null); // no slab stays reachable from here after its segment's drop
    size = 0;
  }

  /** Adds a met record: its entry at {@code at} in {@code chunk}, event time {@code time} ms. */
  void add(byte[] chunk, int at, long time) {
    if (size == chunks.length) {
      chunks = Arrays.copyOf(chunks, size * 2);
      offsets = Arrays.copyOf(offsets, size * 2);
      times = Arrays.copyOf(times, size * 2);
    }
    chunks[size] = chunk;
    offsets[size] = at;
    times[size] = time;
    size++;
  }

  /** @return the records met */
  int size() {
    return size;
  }

  /** @return whether none was met */
  boolean isEmpty() {
    return size == 0;
  }

  /** @return the array holding record {@code i}'s entry */
  byte[] chunk(int i) {
    return chunks[i];
  }

  /** @return the offset of record {@code i}'s entry in its array */
  int offset(int i) {
    return offsets[i];
  }

  /** @return record {@code i}'s event time, ms */
  long time(int i) {
    return times[i];
  }

  /** @return the first byte of record {@code i}'s stored value (the operator's flags) */
  byte flags(int i) {
    return chunks[i][JoinSlab.storedOffset(chunks[i], offsets[i])];
  }

  /**
   * @param i a record met
   * @param skip bytes of the stored value before the part wanted (the operator's flag byte)
   * @return a copy of record {@code i}'s stored value from {@code skip} on
   */
  byte[] storedFrom(int i, int skip) {
    int from = JoinSlab.storedOffset(chunks[i], offsets[i]) + skip;
    return Arrays.copyOfRange(chunks[i], from, from + JoinSlab.storedLength(chunks[i], offsets[i]) - skip);
  }

  /** @return copies of the records met, as (record key, stored value) pairs (tests) */
  List<Entry<byte[], byte[]>> copies() {
    List<Entry<byte[], byte[]>> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(new Entry<>(JoinSlab.recordKey(chunks[i], offsets[i]), JoinSlab.stored(chunks[i], offsets[i])));
    }
    return out;
  }
}
