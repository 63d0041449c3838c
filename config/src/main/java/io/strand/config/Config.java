package io.strand.config;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable set of configuration entries (string keys to string values) with typed getters.
 *
 * <p>Key names follow Samza's ({@code job.name}, {@code task.inputs}, {@code systems.<s>.*},
 * {@code stores.<s>.*}, ...). Every getter that parses a value throws a {@link ConfigException}
 * naming the key, the {@link #source() source} and the expected form when the value does not
 * parse; getters with a default return it only when the key is absent, never when it is
 * malformed.
 *
 * <p>Threading: instances are immutable and safe to share between threads.
 */
public final class Config {

  private final SortedMap<String, String> entries;
  private final String source;
  // Only keys whose value came from somewhere other than `source` (a --config override), so a
  // problem names where the bad value was actually written.
  private final SortedMap<String, String> keySources;

  /**
   * Creates a configuration from the given entries.
   *
   * @param entries the key/value pairs; copied, so later changes to the map are not seen
   * @param source where the entries came from (a file path or a description), used in errors
   * @throws NullPointerException if any key or value is null
   */
  public Config(Map<String, String> entries, String source) {
    this(entries, source, Map.of());
  }

  private Config(Map<String, String> entries, String source, Map<String, String> keySources) {
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : entries.entrySet()) {
      copy.put(Objects.requireNonNull(e.getKey(), "config key"),
          Objects.requireNonNull(e.getValue(), () -> "value of config key " + e.getKey()));
    }
    this.entries = Collections.unmodifiableSortedMap(copy);
    this.source = source == null ? "<unknown source>" : source;
    TreeMap<String, String> sources = new TreeMap<>(keySources);
    sources.keySet().retainAll(copy.keySet());
    sources.values().removeIf(this.source::equals);
    this.keySources = Collections.unmodifiableSortedMap(sources);
  }

  /**
   * Creates a configuration whose source is described as {@code "<in-memory config>"}.
   *
   * @param entries the key/value pairs; copied
   * @return the configuration
   */
  public static Config of(Map<String, String> entries) {
    return new Config(entries, "<in-memory config>");
  }

  /**
   * Where these entries came from: a file path, or a description for in-memory or override
   * configuration. Every {@link ConfigProblem} from this configuration names it.
   *
   * @return the source, never null
   */
  public String source() {
    return source;
  }

  /**
   * Where the value of one key came from: the source given to
   * {@link #withOverrides(Map, String)} for an overridden key, {@link #source()} otherwise
   * (including for absent keys).
   *
   * @param key the key
   * @return the source of that key's value, never null
   */
  public String sourceOf(String key) {
    return keySources.getOrDefault(key, source);
  }

  /**
   * Whether the key is present (with any value, including the empty string).
   *
   * @param key the key
   * @return true if present
   */
  public boolean containsKey(String key) {
    return entries.containsKey(key);
  }

  /**
   * The raw value of a key.
   *
   * @param key the key
   * @return the value, or empty if the key is absent
   */
  public Optional<String> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /**
   * The raw value of a key, or a default.
   *
   * @param key the key
   * @param defaultValue returned when the key is absent
   * @return the value or the default
   */
  public String get(String key, String defaultValue) {
    return entries.getOrDefault(key, defaultValue);
  }

  /**
   * The value of a required key.
   *
   * @param key the key
   * @return the value, never blank
   * @throws ConfigException if the key is absent or blank
   */
  public String getRequired(String key) {
    String value = entries.get(key);
    if (value == null || value.isBlank()) {
      throw problem(key, "required key is missing");
    }
    return value.trim();
  }

  /**
   * A 32-bit integer value.
   *
   * @param key the key
   * @param defaultValue returned when the key is absent
   * @return the parsed value
   * @throws ConfigException if the value is not a whole number within the int range
   */
  public int getInt(String key, int defaultValue) {
    String value = entries.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw problem(key, "expected a whole number (int), got '" + shown(key, value) + "'");
    }
  }

  /**
   * A 64-bit integer value.
   *
   * @param key the key
   * @param defaultValue returned when the key is absent
   * @return the parsed value
   * @throws ConfigException if the value is not a whole number within the long range
   */
  public long getLong(String key, long defaultValue) {
    String value = entries.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw problem(key, "expected a whole number (long), got '" + shown(key, value) + "'");
    }
  }

  /**
   * A floating-point value.
   *
   * @param key the key
   * @param defaultValue returned when the key is absent
   * @return the parsed value
   * @throws ConfigException if the value is not a number
   */
  public double getDouble(String key, double defaultValue) {
    String value = entries.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw problem(key, "expected a number, got '" + shown(key, value) + "'");
    }
  }

  /**
   * A boolean value: {@code true} or {@code false}, in any case.
   *
   * @param key the key
   * @param defaultValue returned when the key is absent
   * @return the parsed value
   * @throws ConfigException if the value is neither {@code true} nor {@code false}
   */
  public boolean getBoolean(String key, boolean defaultValue) {
    String value = entries.get(key);
    if (value == null) {
      return defaultValue;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("true")) {
      return true;
    }
    if (v.equals("false")) {
      return false;
    }
    throw problem(key, "expected true or false, got '" + shown(key, value) + "'");
  }

  /**
   * A duration in milliseconds. Accepts a plain number of milliseconds ({@code 5000}, as Samza's
   * {@code *.ms} keys), a number with a unit suffix ({@code 250ms}, {@code 5s}, {@code 2m},
   * {@code 1h}, {@code 1d}), or an ISO-8601 duration ({@code PT5S}). Negative plain numbers are
   * allowed because Samza uses {@code -1} to mean "off" (for example {@code task.window.ms}).
   *
   * @param key the key
   * @param defaultMs returned when the key is absent, in ms
   * @return the duration in ms
   * @throws ConfigException if the value is not a duration of one of those forms
   */
  public long getDurationMs(String key, long defaultMs) {
    String value = entries.get(key);
    if (value == null) {
      return defaultMs;
    }
    Long parsed = Durations.parseMs(value.trim());
    if (parsed == null) {
      throw problem(key, "expected a duration such as 5000 (ms), 250ms, 5s, 2m, 1h or PT5S, got '" + shown(key, value) + "'");
    }
    return parsed;
  }

  /**
   * A class named by the value, loaded with the thread's context class loader, that must be
   * assignable to {@code expectedType}.
   *
   * @param key the key
   * @param expectedType the interface or superclass the class must implement or extend
   * @param <T> the expected type
   * @return the class, or empty when the key is absent
   * @throws ConfigException if the class is not found or does not implement {@code expectedType}
   */
  public <T> Optional<Class<? extends T>> getClass(String key, Class<T> expectedType) {
    String value = entries.get(key);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String name = value.trim();
    Class<?> loaded;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      loaded = Class.forName(name, false, loader == null ? Config.class.getClassLoader() : loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw problem(key, "class '" + name + "' was not found on the classpath; expected an implementation of "
          + expectedType.getName());
    }
    if (!expectedType.isAssignableFrom(loaded)) {
      throw problem(key, "class '" + name + "' does not implement " + expectedType.getName());
    }
    return Optional.of(loaded.asSubclass(expectedType));
  }

  /**
   * A new instance of the class named by the value, through its public no-argument constructor:
   * how every pluggable factory of a job (serde, store, grouper, job factory) is made.
   *
   * @param key the key naming the class
   * @param expectedType the interface or superclass the class must implement or extend
   * @param <T> the expected type
   * @return the instance, or empty when the key is absent or blank
   * @throws ConfigException naming the key if the class is not found, does not implement
   *     {@code expectedType}, has no public no-argument constructor, or its constructor throws
   */
  public <T> Optional<T> newInstance(String key, Class<T> expectedType) {
    return getClass(key, expectedType).map(type -> instantiate(key, type));
  }

  /**
   * A new instance of {@code type} through its public no-argument constructor, with failures
   * reported against {@code key}.
   *
   * @param key the key the class came from (or would have come from, for a default)
   * @param type the class
   * @param <T> the type
   * @return the instance
   * @throws ConfigException naming the key if the class has no public no-argument constructor,
   *     is abstract, or its constructor throws
   */
  public <T> T instantiate(String key, Class<? extends T> type) {
    try {
      return type.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw problem(key, "the constructor of " + type.getName() + " failed: " + e.getCause());
    } catch (NoSuchMethodException e) {
      throw problem(key, type.getName() + " needs a public no-argument constructor");
    } catch (ReflectiveOperationException e) {
      throw problem(key, type.getName() + " cannot be instantiated (" + e + ")");
    }
  }

  /**
   * A comma-separated list; items are trimmed and empty items dropped.
   *
   * @param key the key
   * @return the items, or an empty list when the key is absent or blank
   */
  public List<String> getList(String key) {
    String value = entries.get(key);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      String trimmed = item.trim();
      if (!trimmed.isEmpty()) {
        items.add(trimmed);
      }
    }
    return List.copyOf(items);
  }

  /**
   * The entries whose keys start with {@code prefix}, with the prefix removed, from the same
   * source. For example {@code subset("systems.kafka.producer.")} turns
   * {@code systems.kafka.producer.acks=all} into {@code acks=all}.
   *
   * @param prefix the key prefix, usually ending in a dot
   * @return a new configuration (empty if no key matches)
   */
  public Config subset(String prefix) {
    SortedMap<String, String> sub = new TreeMap<>();
    for (Map.Entry<String, String> e : entries.tailMap(prefix).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      sub.put(e.getKey().substring(prefix.length()), e.getValue());
    }
    SortedMap<String, String> subSources = new TreeMap<>();
    for (Map.Entry<String, String> e : keySources.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        subSources.put(e.getKey().substring(prefix.length()), e.getValue());
      }
    }
    return new Config(sub, source, subSources);
  }

  /**
   * A configuration with the given entries laid over these ones.
   *
   * @param overrides entries that replace or add to these
   * @return a new configuration with the same source
   */
  public Config withOverrides(Map<String, String> overrides) {
    return withOverrides(overrides, source);
  }

  /**
   * A configuration with the given entries laid over these ones, remembering that their values
   * came from {@code overrideSource}: {@link #sourceOf(String)} and {@link #problem} then name it
   * for those keys. {@link #source()} stays the same.
   *
   * @param overrides entries that replace or add to these
   * @param overrideSource where the overrides came from, for example {@code "--config override"}
   * @return a new configuration
   */
  public Config withOverrides(Map<String, String> overrides, String overrideSource) {
    SortedMap<String, String> merged = new TreeMap<>(entries);
    merged.putAll(overrides);
    SortedMap<String, String> sources = new TreeMap<>(keySources);
    for (String key : overrides.keySet()) {
      sources.put(key, overrideSource);
    }
    return new Config(merged, source, sources);
  }

  /**
   * All keys, sorted.
   *
   * @return an unmodifiable view
   */
  public Set<String> keySet() {
    return entries.keySet();
  }

  /**
   * All entries, sorted by key. The values are not masked: never log this map; log the
   * configuration itself, whose {@link #toString()} masks secrets.
   *
   * @return an unmodifiable view
   */
  public Map<String, String> asMap() {
    return entries;
  }

  /**
   * A {@link ConfigException} for one key of this configuration, naming
   * {@link #sourceOf(String) where that key's value came from}.
   *
   * @param key the key at fault
   * @param what what is wrong and what was expected
   * @return the exception, to be thrown by the caller
   */
  public ConfigException problem(String key, String what) {
    return new ConfigException(new ConfigProblem(key, sourceOf(key), what));
  }

  // Error messages quote the bad value to help the user, except for secrets.
  private static String shown(String key, String value) {
    return SecretMasking.mask(key, value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Config other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /** Renders every entry, one per line, with secret values masked by {@link SecretMasking}. */
  @Override
  public String toString() {
    return SecretMasking.render(entries, source);
  }
}
