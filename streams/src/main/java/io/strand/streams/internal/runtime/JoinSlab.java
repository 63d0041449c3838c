package io.strand.streams.internal.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One time segment's buffered records ({@link JoinSegments}) in a few large byte arrays, in arrival
 * order: each entry {@code [record key length, 4][record key][stored length, 4][stored]}, a stored
 * length of -1 meaning the record's value is not held here (the buffer has fallen back to its store,
 * or the record was indexed without it).
 *
 * <p>Why: a record lives a second or two of event time, several young collections of wall time,
 * so its key and value arrays were copied by G1 until they tenured, and the join's GC share was the
 * largest of the suite's workloads (session 16: 8.5-11.9 % of the job JVM's time). Here a record's
 * bytes are copied once into its segment's array; the operator's own arrays die young. A full-size
 * array ({@value #MAX_CHUNK} bytes, over half of G1's 1 MiB region at {@code -Xmx1g}) is allocated
 * as a humongous object, never copied, and freed at a young collection once unreferenced: when its
 * segment is dropped, with one reference. A segment's first array is sized as the previous segment's
 * bytes, so a slow buffer (a long window at a low rate, many tasks) does not hold a megabyte per
 * segment.
 *
 * <p>An entry is addressed by its array and offset; {@link JoinRecords} keeps both per record. A
 * record's stored value is fixed in length: an update (the match flag) writes it in place.
 *
 * <p>Threading: not thread-safe; the task's thread, as the buffer.
 */
final class JoinSlab {
  /** Bytes of a full array: under one G1 region of 1 MiB with the array's header, over half of it. */
  static final int MAX_CHUNK = (1 << 20) - 64;
  /** Bytes of the smallest array. */
  static final int MIN_CHUNK = 4 << 10;
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[][] chunks = new byte[2][];
  private int[] used = new int[2];
  private int chunkCount;
  private int count;
  private long bytes;
  private int nextChunk;

  /** @param firstChunk the bytes of the first array (clamped to {@value #MIN_CHUNK}..{@value #MAX_CHUNK}) */
  JoinSlab(long firstChunk) {
    this.nextChunk = (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, firstChunk));
  }

  /**
   * Appends a record.
   *
   * @param recordKey the record's key ({@link StreamJoinOp#recordKey})
   * @param stored its stored value, or null to keep the key only
   * @return the entry's offset in {@link #lastChunk}
   */
  int append(byte[] recordKey, byte[] stored) {
    int length = 4 + recordKey.length + 4 + (stored == null ? 0 : stored.length);
    if (chunkCount == 0 || used[chunkCount - 1] + length > chunks[chunkCount - 1].length) {
      newChunk(length);
    }
    byte[] chunk = chunks[chunkCount - 1];
    int at = used[chunkCount - 1];
    INT.set(chunk, at, recordKey.length);
    System.arraycopy(recordKey, 0, chunk, at + 4, recordKey.length);
    int s = at + 4 + recordKey.length;
    if (stored == null) {
      INT.set(chunk, s, -1);
    } else {
      INT.set(chunk, s, stored.length);
      System.arraycopy(stored, 0, chunk, s + 4, stored.length);
    }
    used[chunkCount - 1] = at + length;
    bytes += length;
    count++;
    return at;
  }

  private void newChunk(int length) {
    if (chunkCount == chunks.length) {
      chunks = Arrays.copyOf(chunks, chunkCount * 2);
      used = Arrays.copyOf(used, chunkCount * 2);
    }
    chunks[chunkCount] = new byte[Math.max(length, nextChunk)];
    chunkCount++;
    nextChunk = MAX_CHUNK;
  }

  /** @return the array the last {@link #append} wrote to */
  byte[] lastChunk() {
    return chunks[chunkCount - 1];
  }

  /** @return the records appended */
  int count() {
    return count;
  }

  /** @return the bytes of the entries appended */
  long bytes() {
    return bytes;
  }

  /** @return the arrays in use */
  int chunkCount() {
    return chunkCount;
  }

  /** @return array {@code i} */
  byte[] chunk(int i) {
    return chunks[i];
  }

  /** @return the bytes used of array {@code i}: its entries end there */
  int used(int i) {
    return used[i];
  }

  /** @return the offset of the entry after the one at {@code at} */
  static int next(byte[] chunk, int at) {
    int stored = storedLength(chunk, at);
    return storedOffset(chunk, at) + Math.max(0, stored);
  }

  /** @return the length of the record key of the entry at {@code at} */
  static int keyLength(byte[] chunk, int at) {
    return (int) INT.get(chunk, at);
  }

  /** @return where the record key of the entry at {@code at} starts */
  static int keyOffset(int at) {
    return at + 4;
  }

  /** @return the stored value's length of the entry at {@code at}; -1 if not held */
  static int storedLength(byte[] chunk, int at) {
    return (int) INT.get(chunk, at + 4 + keyLength(chunk, at));
  }

  /** @return where the stored value of the entry at {@code at} starts */
  static int storedOffset(byte[] chunk, int at) {
    return at + 4 + keyLength(chunk, at) + 4;
  }

  /** @return the sequence number of the record at {@code at}, read in place */
  static long seqOf(byte[] chunk, int at) {
    return Bytes.unsortable((long) LONG.get(chunk, at + 4 + keyLength(chunk, at) - 8));
  }

  /** @return a copy of the record key of the entry at {@code at} */
  static byte[] recordKey(byte[] chunk, int at) {
    int from = at + 4;
    return Arrays.copyOfRange(chunk, from, from + keyLength(chunk, at));
  }

  /** @return a copy of the stored value of the entry at {@code at}, or null if it is not held */
  static byte[] stored(byte[] chunk, int at) {
    int length = storedLength(chunk, at);
    if (length < 0) {
      return null;
    }
    int from = storedOffset(chunk, at);
    return Arrays.copyOfRange(chunk, from, from + length);
  }

  /** @return whether the entry at {@code at} holds {@code recordKey} */
  static boolean keyEquals(byte[] chunk, int at, byte[] recordKey) {
    int from = at + 4;
    int length = keyLength(chunk, at);
    return length == recordKey.length && Arrays.equals(chunk, from, from + length, recordKey, 0, length);
  }

  /**
   * Writes a stored value of the same length over the entry's (the match flag).
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  static void setStored(byte[] chunk, int at, byte[] stored) {
    if (storedLength(chunk, at) != stored.length) {
      throw new IllegalArgumentException("a buffered record's stored value changes in place only: "
          + storedLength(chunk, at) + " bytes held, " + stored.length + " given");
    }
    System.arraycopy(stored, 0, chunk, storedOffset(chunk, at), stored.length);
  }
}
