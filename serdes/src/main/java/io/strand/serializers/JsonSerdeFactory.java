package io.strand.serializers;

import io.strand.config.Config;
import io.strand.config.view.SerializerConfig;
import java.util.Optional;

/**
 * Makes a {@link JsonSerde}, registered as {@code "json"}. Reads, under
 * {@code serializers.registry.<name>.}:
 *
 * <ul>
 *   <li>{@value #TYPE}: the class payloads are read into (a POJO or record that Jackson can bind);
 *       when it is not set, payloads are read into {@code Map<String, Object>} as in Samza's JSON
 *       serde;
 *   <li>{@value #FAIL_ON_UNKNOWN} (default {@code true}, Jackson's own default): a property the
 *       class does not have fails the payload;
 *   <li>{@value #FAIL_ON_MISSING} (default {@code true}): a missing record component or
 *       {@code @JsonCreator} parameter fails the payload (else only {@code @JsonProperty(required = true)}
 *       ones must be present).
 * </ul>
 *
 * <p>Thread-safe; keeps no state.
 */
public final class JsonSerdeFactory implements SerdeFactory<Object> {

  /** Suffix of the key naming the target class. */
  public static final String TYPE = "type";
  /** Suffix of the key: a property the target class does not have is an error. */
  public static final String FAIL_ON_UNKNOWN = "fail.on.unknown.properties";
  /** Suffix of the key: a missing record component or creator parameter is an error. */
  public static final String FAIL_ON_MISSING = "fail.on.missing.properties";

  /** Creates one; factories are instantiated by class name from configuration. */
  public JsonSerdeFactory() {
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.strand.config.ConfigException if the {@code type} class is not on the classpath, or
   *     a {@code fail.on.*} value is not {@code true} or {@code false}
   */
  @Override
  @SuppressWarnings("unchecked")
  public Serde<Object> getSerde(String name, Config config) {
    String prefix = SerializerConfig.registryPrefix(name);
    Optional<Class<?>> type = config.getClass(prefix + TYPE, Object.class).map(c -> (Class<?>) c);
    JsonSerde.Strictness strictness = new JsonSerde.Strictness(config.getBoolean(prefix + FAIL_ON_UNKNOWN, true),
        config.getBoolean(prefix + FAIL_ON_MISSING, true));
    return type.isPresent()
        ? new JsonSerde<>(name, (Class<Object>) type.get(), strictness)
        : (Serde<Object>) (Serde<?>) JsonSerde.ofMaps(name);
  }
}
