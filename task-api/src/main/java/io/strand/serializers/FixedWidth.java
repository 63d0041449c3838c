package io.strand.serializers;

/** The length check shared by the fixed-width number serdes. */
final class FixedWidth {
  private FixedWidth() {
  }

  static void check(String serdeName, byte[] bytes, int width, String typeName) {
    if (bytes.length != width) {
      throw new SerdeException(serdeName, bytes.length,
          "a " + typeName + " is exactly " + width + " bytes (big-endian)", null);
    }
  }
}
