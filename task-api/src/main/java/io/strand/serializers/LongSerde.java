package io.strand.serializers;

/**
 * A {@code long} as 8 big-endian bytes, the layout of Samza's and Kafka's long serdes.
 * Null maps to null. Thread-safe.
 */
public final class LongSerde implements Serde<Long> {
  private final String name;

  /** Creates one that names itself {@code long} in errors, as Samza's no-argument constructor. */
  public LongSerde() {
    this("long");
  }

  /**
   * Creates one that names itself {@code name} in errors.
   *
   * @param name the registry name
   */
  public LongSerde(String name) {
    this.name = name;
  }

  @Override
  public byte[] toBytes(Long object) {
    return object == null ? null : encode(object);
  }

  /**
   * {@inheritDoc}
   *
   * @throws SerdeException if the payload is not exactly 8 bytes
   */
  @Override
  public Long fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    FixedWidth.check(name, bytes, Long.BYTES, "long");
    return decode(bytes);
  }

  static byte[] encode(long v) {
    byte[] out = new byte[Long.BYTES];
    for (int i = Long.BYTES - 1; i >= 0; i--) {
      out[i] = (byte) v;
      v >>>= 8;
    }
    return out;
  }

  static long decode(byte[] bytes) {
    long v = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      v = v << 8 | (bytes[i] & 0xffL);
    }
    return v;
  }
}
