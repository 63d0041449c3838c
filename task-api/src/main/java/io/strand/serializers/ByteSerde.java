package io.strand.serializers;

/**
 * Passes bytes through unchanged, as Samza's {@code ByteSerde}. The array is not copied, so
 * neither side may change it after handing it over. Null maps to null. Thread-safe.
 */
public final class ByteSerde implements Serde<byte[]> {

  /** Creates one. */
  public ByteSerde() {
  }

  @Override
  public byte[] toBytes(byte[] object) {
    return object;
  }

  @Override
  public byte[] fromBytes(byte[] bytes) {
    return bytes;
  }
}
