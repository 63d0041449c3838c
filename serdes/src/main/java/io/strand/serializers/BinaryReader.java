package io.strand.serializers;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link BinaryWriter} wrote. Reading past the end throws
 * {@link IllegalArgumentException}. Not thread-safe: one per call.
 */
final class BinaryReader {

  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

  private final byte[] buf;
  private int pos;

  BinaryReader(byte[] buf) {
    this.buf = buf;
  }

  private int take(int n) {
    if (n < 0 || pos + n > buf.length) {
      throw new IllegalArgumentException("needs " + n + " bytes at offset " + pos + " of " + buf.length);
    }
    int at = pos;
    pos += n;
    return at;
  }

  int remaining() {
    return buf.length - pos;
  }

  /** A presence byte: true if a value follows. */
  boolean present() {
    byte b = readByte();
    if (b != 0 && b != 1) {
      throw new IllegalArgumentException("presence byte " + b + " at offset " + (pos - 1));
    }
    return b == 1;
  }

  byte readByte() {
    return buf[take(1)];
  }

  short readShort() {
    return (short) SHORT.get(buf, take(2));
  }

  int readInt() {
    return (int) INT.get(buf, take(4));
  }

  long readLong() {
    return (long) LONG.get(buf, take(8));
  }

  byte[] readBytes(int n) {
    int at = take(n);
    return Arrays.copyOfRange(buf, at, at + n);
  }

  String readString() {
    int n = readInt();
    int at = take(n);
    return new String(buf, at, n, StandardCharsets.UTF_8);
  }
}
