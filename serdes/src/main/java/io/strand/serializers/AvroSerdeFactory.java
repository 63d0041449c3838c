package io.strand.serializers;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.view.SerializerConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Makes an {@link AvroSerde}, registered as {@code "avro"}. Reads exactly one of:
 * <ul>
 *   <li>{@code serializers.registry.<name>.specific.class}: a generated {@link SpecificRecord}
 *       class; payloads are read into it, with the schema compiled into it;</li>
 *   <li>{@code serializers.registry.<name>.schema}: a schema for generic data, given as a file
 *       path (relative to the working directory), as {@code classpath:path/to/x.avsc}, or inline
 *       as JSON starting with <code>{</code>.</li>
 * </ul>
 * and optionally:
 * <ul>
 *   <li>{@code serializers.registry.<name>.encoding}: {@code single-object} (default; Avro's
 *       single-object encoding, header with the writer schema's fingerprint) or {@code raw} (the
 *       bare datum; unsafe across schema changes), see {@link AvroEncoding};</li>
 *   <li>{@code serializers.registry.<name>.writer.schemas}: the schemas payloads may have been
 *       written with besides the reader's own (older or newer versions), comma-separated: files,
 *       {@code classpath:} resources, or directories whose {@code *.avsc} files are all read.
 *       Single-object encoding only.</li>
 * </ul>
 * and, for {@code encoding=confluent} (the Confluent wire format, see {@link AvroEncoding#CONFLUENT}):
 * <ul>
 *   <li>{@code serializers.registry.<name>.schema.id} (required): the reader schema's id in the
 *       producers' schema registry, written in front of every payload this serde writes;</li>
 *   <li>{@code serializers.registry.<name>.schema.ids}: the writer schemas by id, comma-separated
 *       entries {@code <id>=<schema file or classpath: resource>}, or directories whose files are
 *       named {@code <id>.avsc} (for example {@code 7.avsc}); the reader's own schema needs no entry.</li>
 * </ul>
 * The schemas are read once, here. Thread-safe; keeps no state.
 */
public final class AvroSerdeFactory implements SerdeFactory<Object> {

  /** Creates one; factories are instantiated by class name from configuration. */
  public AvroSerdeFactory() {
  }

  /**
   * {@inheritDoc}
   *
   * @throws ConfigException if neither or both of the schema keys are set, the class is not found
   *     or is not a generated record, a schema cannot be read or parsed, the encoding is not one of
   *     {@code single-object}, {@code raw} or {@code confluent}, writer schemas are given with an
   *     encoding other than single-object, schema ids with one other than confluent, or the confluent
   *     encoding lacks {@code schema.id} or has a malformed or contradictory {@code schema.ids}
   */
  @Override
  @SuppressWarnings("unchecked")
  public Serde<Object> getSerde(String name, Config config) {
    String prefix = SerializerConfig.registryPrefix(name);
    String schemaKey = prefix + "schema";
    String classKey = prefix + "specific.class";
    Optional<String> schema = config.get(schemaKey).map(String::trim).filter(s -> !s.isEmpty());
    Optional<Class<? extends SpecificRecord>> type = config.getClass(classKey, SpecificRecord.class);
    if (type.isPresent() && schema.isPresent()) {
      throw config.problem(schemaKey, "set either " + schemaKey + " (generic records) or " + classKey
          + " (specific records) for Avro serde '" + name + "', not both");
    }
    if (type.isEmpty() && schema.isEmpty()) {
      throw config.problem(schemaKey, "Avro serde '" + name + "' needs a schema: set " + schemaKey
          + " to a file path, a classpath: resource or inline JSON, or " + classKey
          + " to a generated SpecificRecord class");
    }
    AvroEncoding encoding = encoding(config, prefix + "encoding");
    if (encoding == AvroEncoding.CONFLUENT) {
      return confluent(name, config, prefix, type, schema);
    }
    AvroConfluentSettings.rejectIds(config, prefix, encoding);
    List<Schema> writers = writerSchemas(config, prefix + "writer.schemas", encoding);
    if (type.isPresent()) {
      try {
        return (Serde<Object>) (Serde<?>) AvroSerde.specific(name, type.get(), encoding, writers);
      } catch (AvroRuntimeException e) {
        throw noSchema(config, classKey, type.get(), e);
      }
    }
    return AvroSerde.generic(name, AvroSchemas.load(config, schemaKey, schema.get()), encoding, writers);
  }

  @SuppressWarnings("unchecked")
  private static Serde<Object> confluent(String name, Config config, String prefix,
      Optional<Class<? extends SpecificRecord>> type, Optional<String> schema) {
    String writersKey = prefix + "writer.schemas";
    if (!config.getList(writersKey).isEmpty()) {
      throw config.problem(writersKey, "writer schemas are found by fingerprint, which the "
          + AvroEncoding.CONFLUENT.configValue() + " encoding does not carry; list them by id in " + prefix
          + AvroConfluentSettings.IDS);
    }
    AvroSchemaIds ids = AvroConfluentSettings.read(config, prefix);
    try {
      if (type.isEmpty()) {
        return AvroSerde.generic(name, AvroSchemas.load(config, prefix + "schema", schema.orElseThrow()), ids);
      }
      try {
        return (Serde<Object>) (Serde<?>) AvroSerde.specific(name, type.get(), ids);
      } catch (AvroRuntimeException e) {
        throw noSchema(config, prefix + "specific.class", type.get(), e);
      }
    } catch (IllegalArgumentException e) {
      ConfigException problem = config.problem(prefix + AvroConfluentSettings.IDS, e.getMessage());
      problem.initCause(e);
      throw problem;
    }
  }

  private static ConfigException noSchema(Config config, String classKey, Class<?> type, AvroRuntimeException e) {
    ConfigException problem = config.problem(classKey, "class '" + type.getName()
        + "' carries no Avro schema; expected a class generated from an .avsc: " + e.getMessage());
    problem.initCause(e);
    return problem;
  }

  private static AvroEncoding encoding(Config config, String key) {
    Optional<String> value = config.get(key).filter(v -> !v.isBlank());
    if (value.isEmpty()) {
      return AvroEncoding.SINGLE_OBJECT;
    }
    return AvroEncoding.fromConfigValue(value.get()).orElseThrow(() -> config.problem(key, "expected "
        + Arrays.stream(AvroEncoding.values()).map(AvroEncoding::configValue).collect(Collectors.joining(" or "))
        + " (the Avro serde's framing), not '" + value.get().trim() + "'"));
  }

  private static List<Schema> writerSchemas(Config config, String key, AvroEncoding encoding) {
    if (encoding == AvroEncoding.RAW && !config.getList(key).isEmpty()) {
      throw config.problem(key, "writer schemas need the " + AvroEncoding.SINGLE_OBJECT.configValue()
          + " encoding: raw payloads carry no fingerprint to find the writer's schema by");
    }
    return AvroSchemas.loadAll(config, key);
  }
}
