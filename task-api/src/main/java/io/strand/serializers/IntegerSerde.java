package io.strand.serializers;

/**
 * An {@code int} as 4 big-endian bytes, the layout of Samza's and Kafka's integer serdes.
 * Null maps to null. Thread-safe.
 */
public final class IntegerSerde implements Serde<Integer> {
  private final String name;

  /** Creates one that names itself {@code integer} in errors, as Samza's no-argument constructor. */
  public IntegerSerde() {
    this("integer");
  }

  /**
   * Creates one that names itself {@code name} in errors.
   *
   * @param name the registry name
   */
  public IntegerSerde(String name) {
    this.name = name;
  }

  @Override
  public byte[] toBytes(Integer object) {
    if (object == null) {
      return null;
    }
    int v = object;
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  /**
   * {@inheritDoc}
   *
   * @throws SerdeException if the payload is not exactly 4 bytes
   */
  @Override
  public Integer fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    FixedWidth.check(name, bytes, Integer.BYTES, "integer");
    return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
  }
}
