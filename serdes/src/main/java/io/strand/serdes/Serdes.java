package io.strand.serdes;

import io.strand.config.Config;
import io.strand.config.view.SerializerConfig;
import io.strand.serializers.ByteSerdeFactory;
import io.strand.serializers.DoubleSerdeFactory;
import io.strand.serializers.IntegerSerdeFactory;
import io.strand.serializers.JsonSerdeFactory;
import io.strand.serializers.LongSerdeFactory;
import io.strand.serializers.Serde;
import io.strand.serializers.SerdeFactory;
import io.strand.serializers.StringSerdeFactory;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Finds the serde registered under a name, as Samza's serializer registry does: from
 * {@code serializers.registry.<name>.class}, or, when that key is absent, from the built-in
 * short names. Stateless; safe from any thread.
 */
public final class Serdes {

  /**
   * The factory behind each built-in short name of {@link SerializerConfig#BUILT_IN_SERDE_NAMES}.
   * Configuration knows only the names; the classes are known here, where they are on the class
   * path.
   */
  static final Map<String, Supplier<SerdeFactory<?>>> BUILT_INS = Map.of(
      "string", StringSerdeFactory::new,
      "integer", IntegerSerdeFactory::new,
      "long", LongSerdeFactory::new,
      "double", DoubleSerdeFactory::new,
      "bytes", ByteSerdeFactory::new,
      "json", JsonSerdeFactory::new);

  private Serdes() {
  }

  /**
   * Makes the serde registered under {@code name}: the factory named by
   * {@code serializers.registry.<name>.class} if set, else the built-in of that short name.
   *
   * @param name the registry name, as used in {@code systems.<s>.samza.msg.serde} and the like
   * @param config the whole job configuration
   * @return the serde
   * @throws io.strand.config.ConfigException if the name is neither registered nor built in, the
   *     factory class is missing, cannot be instantiated or returns null, or the factory rejects
   *     its settings
   */
  @SuppressWarnings("unchecked")
  public static Serde<Object> fromConfig(String name, Config config) {
    String key = SerializerConfig.registryKey(name);
    // The registry entry wins over a built-in of the same name, as SerializerConfig documents.
    SerdeFactory<?> factory;
    if (new SerializerConfig(config).getFactoryClass(name).isPresent()) {
      factory = config.newInstance(key, SerdeFactory.class).orElseThrow();
    } else if (BUILT_INS.containsKey(name)) {
      factory = BUILT_INS.get(name).get();
    } else {
      throw config.problem(key, "no serde is registered as '" + name + "'; set " + key
          + " to a SerdeFactory class, or use a built-in: "
          + String.join(", ", SerializerConfig.BUILT_IN_SERDE_NAMES));
    }
    Serde<?> serde = factory.getSerde(name, config);
    if (serde == null) {
      throw config.problem(key, factory.getClass().getName() + " returned no serde for '" + name + "'");
    }
    return (Serde<Object>) serde;
  }
}
