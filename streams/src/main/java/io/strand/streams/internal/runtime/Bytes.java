package io.strand.streams.internal.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Byte layouts of the streams runtime, each versioned by its first byte.
 *
 * <p>Intermediate topic values: data {@code [0x01][event time, 8][value bytes]}, a null value
 * {@code [0x03][event time, 8]} (so a value whose serde writes no bytes stays itself); watermark control
 * {@code [0x02][watermark, 8][idle, 1][upstream task name, UTF-8]}, written before session 12 and still
 * read; the watermarks of several upstream tasks (a container's, one frame per partition per tick:
 * {@link ControlFrames#frame}) {@code [0x04][entries, 2]([watermark, 8][idle, 1][name length, 2][name])*}
 * (keys of control records are null; user functions never see them).
 *
 * <p>Store keys sort as unsigned bytes, so times are written big-endian with the sign bit flipped
 * (a negative time sorts before a positive one): data {@code 'd' + ...}, close index
 * {@code 'c' + [close time][window key]}, the operator's signature {@code 'm'}.
 */
final class Bytes {

  static final byte DATA = 1;
  static final byte CONTROL = 2;
  static final byte NULL_DATA = 3;
  static final byte CONTROLS = 4;

  // Big-endian views of byte arrays: the per-record window keys are written and read in place,
  // without a ByteBuffer around each array.
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private Bytes() {
  }

  static byte[] dataFrame(long eventTime, byte[] value) {
    ByteBuffer b = ByteBuffer.allocate(9 + (value == null ? 0 : value.length));
    b.put(value == null ? NULL_DATA : DATA).putLong(eventTime);
    if (value != null) {
      b.put(value);
    }
    return b.array();
  }

  static long sortable(long time) {
    return time ^ Long.MIN_VALUE;
  }

  static long unsortable(long stored) {
    return stored ^ Long.MIN_VALUE;
  }

  /** {@code [prefix][key length, 4][key]}. */
  static byte[] keyed(byte prefix, byte[] key, int extra) {
    byte[] b = new byte[5 + key.length + extra];
    b[0] = prefix;
    INT.set(b, 1, key.length);
    System.arraycopy(key, 0, b, 5, key.length);
    return b;
  }

  /** Window key {@code ['d'][len][key][start][end]}. */
  static byte[] windowKey(byte[] key, long start, long end) {
    byte[] b = keyed((byte) 'd', key, 16);
    LONG.set(b, 5 + key.length, sortable(start));
    LONG.set(b, 13 + key.length, sortable(end));
    return b;
  }

  /** Close index key {@code ['c'][close time][window key]}. */
  static byte[] closeKey(long closeAt, byte[] windowKey) {
    return ByteBuffer.allocate(9 + windowKey.length).put((byte) 'c').putLong(sortable(closeAt)).put(windowKey).array();
  }

  static byte[] closeBound(long closeAt) {
    return ByteBuffer.allocate(9).put((byte) 'c').putLong(sortable(closeAt)).array();
  }

  static long closeTimeOf(byte[] closeKey) {
    return unsortable(ByteBuffer.wrap(closeKey, 1, 8).getLong());
  }

  static byte[] windowKeyOfClose(byte[] closeKey) {
    byte[] w = new byte[closeKey.length - 9];
    System.arraycopy(closeKey, 9, w, 0, w.length);
    return w;
  }

  static byte[] userKeyOf(byte[] windowKey) {
    byte[] key = new byte[(int) INT.get(windowKey, 1)];
    System.arraycopy(windowKey, 5, key, 0, key.length);
    return key;
  }

  static long startOf(byte[] windowKey) {
    return unsortable((long) LONG.get(windowKey, windowKey.length - 16));
  }

  static long endOf(byte[] windowKey) {
    return unsortable((long) LONG.get(windowKey, windowKey.length - 8));
  }

  /** The first key after every key starting with {@code prefix}. */
  static byte[] after(byte[] prefix) {
    byte[] next = prefix.clone();
    for (int i = next.length - 1; i >= 0; i--) {
      if (next[i] != (byte) 0xff) {
        next[i]++;
        byte[] cut = new byte[i + 1];
        System.arraycopy(next, 0, cut, 0, i + 1);
        return cut;
      }
    }
    return new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, (byte) 0xff};
  }

  static byte[] longs(long... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length);
    for (long v : values) {
      b.putLong(v);
    }
    return b.array();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
