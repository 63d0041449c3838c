package io.strand.serializers;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte array writer for {@link RecordSerde}. Not thread-safe: one per call. */
final class BinaryWriter {

  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

  private byte[] buf;
  private int pos;

  BinaryWriter(int capacity) {
    buf = new byte[capacity];
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  void writeByte(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
  }

  void writeShort(int v) {
    ensure(2);
    SHORT.set(buf, pos, (short) v);
    pos += 2;
  }

  void writeInt(int v) {
    ensure(4);
    INT.set(buf, pos, v);
    pos += 4;
  }

  void writeLong(long v) {
    ensure(8);
    LONG.set(buf, pos, v);
    pos += 8;
  }

  void writeBytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  /** A 4-byte UTF-8 length, then the UTF-8 bytes. */
  void writeString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeInt(b.length);
    writeBytes(b);
  }

  byte[] toArray() {
    return Arrays.copyOf(buf, pos);
  }
}
