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
  RAW("raw"),
  /**
   * The Confluent wire format, as written by Confluent's Avro serializers: the magic byte
   * {@code 00}, the writer schema's id in a schema registry as a 4-byte big-endian int, then the
   * binary datum. The reader finds the writer's schema by its id among the configured ones
   * ({@link AvroSchemaIds}; no registry is asked) and resolves it against its own, as in
   * {@link #SINGLE_OBJECT}. Writing needs the id of the reader's schema.
   */
  CONFLUENT("confluent");

  private final String configValue;

  AvroEncoding(String configValue) {
    this.configValue = configValue;
  }

  /**
   * The value that selects it in configuration.
   *
   * @return {@code single-object}, {@code raw} or {@code confluent}
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
