package io.strand.config.view;

import io.strand.config.Config;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The serde registry, {@code serializers.registry.<name>.class}, plus the built-in serde names
 * that need no registry entry (their factories ship in task-api).
 *
 * <p>A registry entry wins over a built-in of the same name, so a job can replace one.
 *
 * <p>Threading: immutable; safe to share between threads.
 */
public final class SerializerConfig {

  /** Prefix of registry keys: {@code serializers.registry.<name>.class}. */
  public static final String REGISTRY_PREFIX = "serializers.registry.";
  /** Suffix of registry keys naming the serde factory class. */
  public static final String CLASS_SUFFIX = ".class";

  /**
   * Serde name to factory class name for the serdes usable without a registry entry: string,
   * integer, long, double, bytes and json. Iterates in that order.
   */
  public static final Map<String, String> BUILT_IN_SERDES = builtIns();

  private final Config config;

  /**
   * Creates the view.
   *
   * @param config the whole job configuration
   */
  public SerializerConfig(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The key registering a serde.
   *
   * @param name the serde name
   * @return {@code serializers.registry.<name>.class}
   */
  public static String registryKey(String name) {
    return REGISTRY_PREFIX + name + CLASS_SUFFIX;
  }

  /**
   * The serde names registered in this configuration (not the built-ins). Other
   * {@code serializers.registry.<name>.*} keys are settings for a serde, not registrations.
   *
   * @return name to factory class name, sorted by name
   */
  public SortedMap<String, String> getRegisteredSerdes() {
    SortedMap<String, String> registered = new TreeMap<>();
    for (Map.Entry<String, String> e : config.subset(REGISTRY_PREFIX).asMap().entrySet()) {
      String key = e.getKey();
      if (key.endsWith(CLASS_SUFFIX) && key.length() > CLASS_SUFFIX.length()) {
        registered.put(key.substring(0, key.length() - CLASS_SUFFIX.length()), e.getValue().trim());
      }
    }
    return Collections.unmodifiableSortedMap(registered);
  }

  /**
   * Every serde name usable in this configuration: built-ins and registered.
   *
   * @return the names, sorted
   */
  public SortedSet<String> getSerdeNames() {
    SortedSet<String> names = new TreeSet<>(BUILT_IN_SERDES.keySet());
    names.addAll(getRegisteredSerdes().keySet());
    return Collections.unmodifiableSortedSet(names);
  }

  /**
   * Whether a serde name resolves, as a registry entry or a built-in.
   *
   * @param name the serde name
   * @return true if {@link #getFactoryClass(String)} would find a class name
   */
  public boolean isRegistered(String name) {
    return getFactoryClass(name).isPresent();
  }

  /**
   * The factory class name for a serde name: the registry entry if there is one, else the
   * built-in.
   *
   * @param name the serde name
   * @return the factory class name, or empty when the name is neither registered nor built in
   */
  public Optional<String> getFactoryClass(String name) {
    String registered = getRegisteredSerdes().get(name);
    if (registered != null && !registered.isEmpty()) {
      return Optional.of(registered);
    }
    return Optional.ofNullable(BUILT_IN_SERDES.get(name));
  }

  /**
   * The configuration this view reads.
   *
   * @return the whole configuration
   */
  public Config config() {
    return config;
  }

  private static Map<String, String> builtIns() {
    Map<String, String> serdes = new LinkedHashMap<>();
    serdes.put("string", "io.strand.serde.StringSerdeFactory");
    serdes.put("integer", "io.strand.serde.IntegerSerdeFactory");
    serdes.put("long", "io.strand.serde.LongSerdeFactory");
    serdes.put("double", "io.strand.serde.DoubleSerdeFactory");
    serdes.put("bytes", "io.strand.serde.ByteSerdeFactory");
    serdes.put("json", "io.strand.serde.JsonSerdeFactory");
    return Collections.unmodifiableMap(serdes);
  }
}
