package io.strand.serializers;

import io.strand.config.Config;
import io.strand.config.view.SerializerConfig;
import java.util.Optional;

/**
 * Makes a {@link JsonSerde}, registered as {@code "json"}. Reads
 * {@code serializers.registry.<name>.type}: the class payloads are read into (a POJO or record
 * that Jackson can bind); when it is not set, payloads are read into {@code Map<String, Object>}
 * as in Samza's JSON serde. Thread-safe; keeps no state.
 */
public final class JsonSerdeFactory implements SerdeFactory<Object> {

  /** Creates one; factories are instantiated by class name from configuration. */
  public JsonSerdeFactory() {
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.strand.config.ConfigException if the {@code type} class is not on the classpath
   */
  @Override
  @SuppressWarnings("unchecked")
  public Serde<Object> getSerde(String name, Config config) {
    Optional<Class<?>> type = config.getClass(SerializerConfig.registryPrefix(name) + "type", Object.class)
        .map(c -> (Class<?>) c);
    return type.isPresent()
        ? new JsonSerde<>(name, (Class<Object>) type.get())
        : (Serde<Object>) (Serde<?>) JsonSerde.ofMaps(name);
  }
}
