package io.strand.serializers;

/**
 * A {@code double} as its 8-byte IEEE 754 bit pattern, big-endian, the layout of Samza's and
 * Kafka's double serdes. Null maps to null. Thread-safe.
 */
public final class DoubleSerde implements Serde<Double> {
  private final String name;

  /** Creates one that names itself {@code double} in errors, as Samza's no-argument constructor. */
  public DoubleSerde() {
    this("double");
  }

  /**
   * Creates one that names itself {@code name} in errors.
   *
   * @param name the registry name
   */
  public DoubleSerde(String name) {
    this.name = name;
  }

  @Override
  public byte[] toBytes(Double object) {
    return object == null ? null : LongSerde.encode(Double.doubleToLongBits(object));
  }

  /**
   * {@inheritDoc}
   *
   * @throws SerdeException if the payload is not exactly 8 bytes
   */
  @Override
  public Double fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    FixedWidth.check(name, bytes, Double.BYTES, "double");
    return Double.longBitsToDouble(LongSerde.decode(bytes));
  }
}
