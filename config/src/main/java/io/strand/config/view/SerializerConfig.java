package io.strand.config.view;

import io.strand.config.Config;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The serde registry, {@code serializers.registry.<name>.class}, plus the built-in serde names
 * that need no registry entry. Which factory class a built-in name stands for is the runtime's
 * business (the {@code serdes} module's {@code io.strand.serdes.Serdes}); this view only knows
 * the names, so configuration never names an implementation class.
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
   * The serde names usable without a registry entry: string, integer, long, double, bytes and
   * json. Iterates in that order.
   */
  public static final Set<String> BUILT_IN_SERDE_NAMES = Collections.unmodifiableSet(
      new LinkedHashSet<>(List.of("string", "integer", "long", "double", "bytes", "json")));

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
   * The key prefix a serde's own settings live under (read by its factory).
   *
   * @param name the serde name
   * @return {@code serializers.registry.<name>.}
   */
  public static String registryPrefix(String name) {
    return REGISTRY_PREFIX + name + ".";
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
    SortedSet<String> names = new TreeSet<>(BUILT_IN_SERDE_NAMES);
    names.addAll(getRegisteredSerdes().keySet());
    return Collections.unmodifiableSortedSet(names);
  }

  /**
   * Whether a serde name resolves, as a registry entry or a built-in.
   *
   * @param name the serde name
   * @return true if the name has a non-empty registry entry or is a built-in name
   */
  public boolean isRegistered(String name) {
    return getFactoryClass(name).isPresent() || BUILT_IN_SERDE_NAMES.contains(name);
  }

  /**
   * The factory class registered for a serde name. A registry entry wins over a built-in of the
   * same name.
   *
   * @param name the serde name
   * @return the registered factory class name, or empty when the name has no (non-empty)
   *     registry entry, built in or not
   */
  public Optional<String> getFactoryClass(String name) {
    String registered = getRegisteredSerdes().get(name);
    return registered == null || registered.isEmpty() ? Optional.empty() : Optional.of(registered);
  }

  /**
   * The configuration this view reads.
   *
   * @return the whole configuration
   */
  public Config config() {
    return config;
  }
}
