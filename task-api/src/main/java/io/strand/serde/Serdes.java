package io.strand.serde;

import io.strand.config.Config;
import io.strand.config.view.SerializerConfig;
import java.lang.reflect.InvocationTargetException;

/**
 * Finds the serde registered under a name, as Samza's serializer registry does: from
 * {@code serializers.registry.<name>.class}, or, when that key is absent, from the built-in
 * short names. Stateless; safe from any thread.
 */
public final class Serdes {

  
  private Serdes() {
  }

  /**
   * The key prefix a serde's settings live under.
   *
   * @param name the registry name
   * @return {@code serializers.registry.<name>.}
   */
  public static String registryPrefix(String name) {
    return SerializerConfig.REGISTRY_PREFIX + name + ".";
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
    String key = registryPrefix(name) + "class";
    // The registry entry wins over a built-in of the same name; SerializerConfig owns that rule.
    String factoryName = new SerializerConfig(config).getFactoryClass(name).orElseThrow(() ->
        config.problem(key, "no serde is registered as '" + name + "'; set " + key
            + " to a SerdeFactory class, or use a built-in: "
            + String.join(", ", SerializerConfig.BUILT_IN_SERDES.keySet())));
    Class<?> factoryClass = config.containsKey(key)
        ? config.getClass(key, SerdeFactory.class).orElseThrow()
        : loadBuiltIn(key, factoryName, config);
    SerdeFactory<?> factory;
    try {
      factory = (SerdeFactory<?>) factoryClass.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw config.problem(key, "constructor of " + factoryClass.getName() + " failed: " + e.getCause());
    } catch (ReflectiveOperationException e) {
      throw config.problem(key, factoryClass.getName() + " cannot be instantiated; a serde factory needs"
          + " a public no-argument constructor (" + e + ")");
    }
    Serde<?> serde = factory.getSerde(name, config);
    if (serde == null) {
      throw config.problem(key, factoryClass.getName() + " returned no serde for '" + name + "'");
    }
    return (Serde<Object>) serde;
  }

  private static Class<?> loadBuiltIn(String key, String className, Config config) {
    try {
      return Class.forName(className, false, Serdes.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw config.problem(key, "built-in serde factory " + className + " is missing from the classpath");
    }
  }
}
