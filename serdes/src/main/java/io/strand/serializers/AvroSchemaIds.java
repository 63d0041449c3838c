package io.strand.serializers;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * The schema ids of an {@link AvroSerde} in the Confluent wire format ({@link AvroEncoding#CONFLUENT}):
 * the id it writes its own (reader) schema under, and the writer schemas payloads may name by id.
 * Ids are what a Confluent-compatible schema registry assigned; Strand does not ask a registry,
 * it takes them from configuration ({@code serializers.registry.<name>.schema.id} and
 * {@code .schema.ids}, see {@link AvroSerdeFactory}).
 *
 * <p>Immutable.
 *
 * @param readerSchemaId the id written in front of every payload this serde writes; payloads with
 *     it are read with the reader's schema itself; 0 or more
 * @param writerSchemas further schemas by id; may also hold the reader's id if it maps to the
 *     reader's schema
 */
public record AvroSchemaIds(int readerSchemaId, Map<Integer, Schema> writerSchemas) {

  /**
   * Checks the ids and copies the map.
   *
   * @param readerSchemaId the id of the reader's schema, 0 or more
   * @param writerSchemas further schemas by id, each id 0 or more
   * @throws IllegalArgumentException if an id is negative
   */
  public AvroSchemaIds {
    Objects.requireNonNull(writerSchemas, "writerSchemas");
    if (readerSchemaId < 0) {
      throw new IllegalArgumentException("schema id " + readerSchemaId + " is negative");
    }
    writerSchemas.keySet().stream().filter(id -> id < 0).findFirst().ifPresent(id -> {
      throw new IllegalArgumentException("schema id " + id + " is negative");
    });
    writerSchemas = Map.copyOf(writerSchemas);
  }
}
