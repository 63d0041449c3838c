package io.strand.serializers;

import java.util.Arrays;
import java.util.Optional;

/**
 * How an {@link AvroSerde} frames the Avro binary encoding of a datum, set by
 * {@code serializers.registry.<name>.encoding}.
 */
public enum AvroEncoding {
  /**
   * Avro's single-object encoding (the Avro specification's "Single object encoding"): the marker
   * {@code C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of the writer's schema, then
   * the binary datum. The reader finds the writer's schema by its fingerprint and resolves it
   * against its own, so schemas can evolve. The default.
   */
  SINGLE_OBJECT("single-object"),
  /**
   * The binary datum alone, no header: every reader must use exactly the writer's schema. Unsafe
   * across schema changes: a payload written with another schema may decode into wrong values
   * without any error. For topics written by producers that cannot frame their payloads.
   */
  RAW("raw");

  private final String configValue;

  AvroEncoding(String configValue) {
    this.configValue = configValue;
  }

  /**
   * The value that selects it in configuration.
   *
   * @return {@code single-object} or {@code raw}
   */
  public String configValue() {
    return configValue;
  }

  /**
   * The encoding a configuration value names, ignoring case and surrounding blanks.
   *
   * @param value the configured value
   * @return the encoding, or empty if the value names none
   */
  public static Optional<AvroEncoding> fromConfigValue(String value) {
    String wanted = value.trim();
    return Arrays.stream(values()).filter(e -> e.configValue.equalsIgnoreCase(wanted)).findFirst();
  }
}
