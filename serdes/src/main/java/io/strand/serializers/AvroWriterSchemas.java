package io.strand.serializers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * The writer schemas an Avro serde knows, by CRC-64-AVRO fingerprint of their Parsing Canonical
 * Form (what Avro's single-object encoding puts in its header), each checked once, here, against
 * the reader's schema with Avro's {@link SchemaCompatibility}. As a {@link SchemaStore} it hands
 * Avro's {@code BinaryMessageDecoder} only the schemas the reader can read, so a payload of an
 * incompatible schema fails like one of an unknown schema, and {@link #whyUnreadable} says which.
 *
 * <p>Immutable; thread-safe.
 */
final class AvroWriterSchemas implements SchemaStore {
  private static final int LISTED = 5;

  private record Known(Schema schema, SchemaPairCompatibility compatibility) {
    boolean readable() {
      return compatibility.getType() == SchemaCompatibilityType.COMPATIBLE;
    }
  }

  private final Schema reader;
  private final Map<Long, Known> known;

  /**
   * Creates one.
   *
   * @param reader the reader's schema, always known (a payload written with it needs no other)
   * @param writers further schemas payloads may have been written with; duplicates are ignored
   */
  AvroWriterSchemas(Schema reader, Collection<Schema> writers) {
    this.reader = reader;
    Map<Long, Known> byFingerprint = new LinkedHashMap<>();
    List<Schema> all = new ArrayList<>();
    all.add(reader);
    all.addAll(writers);
    for (Schema writer : all) {
      byFingerprint.computeIfAbsent(SchemaNormalization.parsingFingerprint64(writer),
          fp -> new Known(writer, SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)));
    }
    this.known = Collections.unmodifiableMap(byFingerprint);
  }

  /**
   * The writer schema of a fingerprint, if it is known and the reader can read it.
   *
   * @param fingerprint the CRC-64-AVRO fingerprint, as Avro's decoder reads it from the header
   * @return the schema, or null (Avro's decoder then throws its {@code MissingSchemaException})
   */
  @Override
  public Schema findByFingerprint(long fingerprint) {
    Known k = known.get(fingerprint);
    return k != null && k.readable() ? k.schema() : null;
  }

  /**
   * How many writer schemas are known, the reader's included.
   *
   * @return at least 1
   */
  int size() {
    return known.size();
  }

  /**
   * The known schemas with their fingerprints and whether the reader can read them, for a log line.
   *
   * @return for example {@code [io.x.Order 8f1c0a2b3d4e5f60 (reader), io.x.Order 0011223344556677]}
   */
  String describe() {
    return known.entrySet().stream().map(e -> describe(e.getKey(), e.getValue()))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * Why a payload whose header names {@code fingerprint} cannot be read: its schema is unknown, or
   * known and incompatible with the reader's.
   *
   * @param fingerprint the fingerprint from the payload's header
   * @param writerSchemasKey the key that lists writer schemas, named in the advice
   * @return the reason, with what to do
   */
  String whyUnreadable(long fingerprint, String writerSchemasKey) {
    Optional<String> incompatible = incompatibility(fingerprint);
    if (incompatible.isPresent()) {
      return incompatible.get();
    }
    String listed = known.entrySet().stream().limit(LISTED).map(e -> describe(e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
    return "it was written with an unknown schema: fingerprint " + hex(fingerprint) + " (CRC-64-AVRO) is none of the "
        + known.size() + " known (" + listed + (known.size() > LISTED ? ", ..." : "") + "); add the writer's "
        + "schema (an .avsc file, or a directory of them) to " + writerSchemasKey;
  }

  /**
   * Why the reader cannot read a known writer schema: the incompatibilities Avro's
   * {@link SchemaCompatibility} found when this was created.
   *
   * @param fingerprint the writer schema's fingerprint
   * @return the reason, naming both schemas; empty if the schema is unknown or the reader can read it
   */
  Optional<String> incompatibility(long fingerprint) {
    Known k = known.get(fingerprint);
    if (k == null || k.readable()) {
      return Optional.empty();
    }
    return Optional.of("it was written with schema " + k.schema().getFullName() + " (fingerprint " + hex(fingerprint)
        + "), which reader schema " + reader.getFullName() + " cannot read: " + incompatibilities(k)
        + "; Avro resolves a writer's record only into a reader's of the same name whose added fields have"
        + " defaults and whose changed types are promotions (int to long, float or double; long to float or double)");
  }

  /**
   * The name and fingerprint of a known writer schema, for errors about payloads written with it.
   *
   * @param fingerprint the fingerprint from the payload's header
   * @return for example {@code io.x.Order (fingerprint 8f1c0a2b3d4e5f60)}, or the fingerprint alone
   */
  String name(long fingerprint) {
    Known k = known.get(fingerprint);
    return (k == null ? "" : k.schema().getFullName() + " ") + "(fingerprint " + hex(fingerprint) + ")";
  }

  /**
   * A fingerprint as its 8 bytes in the order they stand in a payload (little-endian), in hex, so it
   * can be matched against a dump of the bytes and against {@code SchemaNormalization.parsingFingerprint}.
   *
   * @param fingerprint the fingerprint
   * @return 16 hex digits
   */
  static String hex(long fingerprint) {
    return String.format("%016x", Long.reverseBytes(fingerprint));
  }

  private String describe(long fingerprint, Known k) {
    String note = k.schema() == reader ? " (reader)" : k.readable() ? "" : " (not readable by the reader)";
    return k.schema().getFullName() + " " + hex(fingerprint) + note;
  }

  private static String incompatibilities(Known k) {
    return k.compatibility().getResult().getIncompatibilities().stream()
        .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
        .collect(Collectors.joining("; "));
  }
}
