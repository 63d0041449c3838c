package io.strand.serializers;

import io.strand.config.Config;

/**
 * Makes a {@link Serde} from configuration, as Samza's {@code SerdeFactory}. A factory is named in
 * {@code serializers.registry.<name>.class} and instantiated through its public no-argument
 * constructor; the built-in ones are also known by short names (see {@link io.strand.config.view.SerializerConfig#BUILT_IN_SERDE_NAMES}).
 *
 * @param <T> the type the serde handles
 */
public interface SerdeFactory<T> {

  /**
   * Makes the serde registered under {@code name}; called once per name when the container
   * starts, so it may do slow work such as reading a schema file.
   *
   * @param name the registry name, as in {@code serializers.registry.<name>.class}; the factory
   *     reads its own settings from {@code serializers.registry.<name>.*}
   * @param config the whole job configuration (not a subset), as in Samza
   * @return the serde; it must be thread-safe
   * @throws io.strand.config.ConfigException if the serde's settings are missing or wrong
   */
  Serde<T> getSerde(String name, Config config);
}
