package io.strand.serializers;

import io.strand.config.Config;
import io.strand.config.view.SerializerConfig;
import io.strand.config.ConfigException;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
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
 * The schema is read once, here. Thread-safe; keeps no state.
 */
public final class AvroSerdeFactory implements SerdeFactory<Object> {

  /** Creates one; factories are instantiated by class name from configuration. */
  public AvroSerdeFactory() {
  }

  /**
   * {@inheritDoc}
   *
   * @throws ConfigException if neither or both keys are set, the class is not found or is not a
   *     generated record, or the schema cannot be read or parsed
   */
  @Override
  @SuppressWarnings("unchecked")
  public Serde<Object> getSerde(String name, Config config) {
    String schemaKey = SerializerConfig.registryPrefix(name) + "schema";
    String classKey = SerializerConfig.registryPrefix(name) + "specific.class";
    Optional<String> schema = config.get(schemaKey).map(String::trim).filter(s -> !s.isEmpty());
    Optional<Class<? extends SpecificRecord>> type = config.getClass(classKey, SpecificRecord.class);
    if (type.isPresent() && schema.isPresent()) {
      throw config.problem(schemaKey, "set either " + schemaKey + " (generic records) or " + classKey
          + " (specific records) for Avro serde '" + name + "', not both");
    }
    if (type.isPresent()) {
      try {
        return (Serde<Object>) (Serde<?>) AvroSerde.specific(name, type.get());
      } catch (AvroRuntimeException e) {
        ConfigException problem = config.problem(classKey, "class '" + type.get().getName()
            + "' carries no Avro schema; expected a class generated from an .avsc: " + e.getMessage());
        problem.initCause(e);
        throw problem;
      }
    }
    if (schema.isPresent()) {
      return AvroSerde.generic(name, AvroSchemas.load(config, schemaKey, schema.get()));
    }
    throw config.problem(schemaKey, "Avro serde '" + name + "' needs a schema: set " + schemaKey
        + " to a file path, a classpath: resource or inline JSON, or " + classKey
        + " to a generated SpecificRecord class");
  }
}
