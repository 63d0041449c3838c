package io.strand.system.descriptors;

import io.strand.system.SystemStreamMetadata.OffsetType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Describes a system (a Kafka cluster) in code instead of {@code systems.<s>.*} keys, as Samza's
 * {@code SystemDescriptor}. It produces exactly the keys a properties file would hold
 * ({@link #toConfig()}), so everything after loading is the same for both; a key the job's
 * properties file also sets keeps the file's value.
 *
 * <p>Threading: a builder; use it from the thread that runs the application's {@code describe}.
 *
 * @param <SubClass> the concrete descriptor, returned by the {@code with} methods for chaining
 */
public abstract class SystemDescriptor<SubClass extends SystemDescriptor<SubClass>> {

  private final String systemName;
  private final String factoryClassName;
  private final Map<String, String> systemConfigs = new LinkedHashMap<>();
  private final Map<String, String> defaultStreamConfigs = new LinkedHashMap<>();
  private OffsetType defaultStreamOffsetDefault;

  /**
   * Creates the descriptor.
   *
   * @param systemName the system name used in {@code systems.<s>.*} and in {@code system.stream}
   *     names; not blank, no {@code .}
   * @param factoryClassName the value of {@code systems.<s>.samza.factory}
   * @throws IllegalArgumentException if the name is blank or holds a {@code .}
   */
  protected SystemDescriptor(String systemName, String factoryClassName) {
    if (systemName == null || systemName.isBlank() || systemName.indexOf('.') >= 0) {
      throw new IllegalArgumentException("a system name must be non-blank and without '.', got "
          + (systemName == null ? "null" : "'" + systemName + "'"));
    }
    this.systemName = systemName;
    this.factoryClassName = Objects.requireNonNull(factoryClassName, "factoryClassName");
  }

  /**
   * The system name.
   *
   * @return the name given to the constructor
   */
  public String getSystemName() {
    return systemName;
  }

  /**
   * Where streams of this system without a checkpoint start, unless their input descriptor says
   * otherwise: {@code systems.<s>.samza.offset.default}.
   *
   * @param offsetDefault oldest or upcoming
   * @return this descriptor
   */
  public SubClass withDefaultStreamOffsetDefault(OffsetType offsetDefault) {
    this.defaultStreamOffsetDefault = Objects.requireNonNull(offsetDefault, "offsetDefault");
    return self();
  }

  /**
   * Settings for every stream of this system: {@code systems.<s>.default.stream.<key>}, for
   * example {@code replication.factor} or {@code partitions} of output topics Strand creates.
   *
   * @param configs setting name (without prefix) to value
   * @return this descriptor
   */
  public SubClass withDefaultStreamConfigs(Map<String, String> configs) {
    defaultStreamConfigs.putAll(configs);
    return self();
  }

  /**
   * Any other system setting: {@code systems.<s>.<key>}.
   *
   * @param configs setting name (without the {@code systems.<s>.} prefix) to value
   * @return this descriptor
   */
  public SubClass withSystemConfigs(Map<String, String> configs) {
    systemConfigs.putAll(configs);
    return self();
  }

  /**
   * The configuration this descriptor stands for.
   *
   * @return full keys ({@code systems.<s>.…}) to values, in the order they were set
   */
  public Map<String, String> toConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put(systemKey("samza.factory"), factoryClassName);
    if (defaultStreamOffsetDefault != null) {
      config.put(systemKey("samza.offset.default"), defaultStreamOffsetDefault.configValue());
    }
    defaultStreamConfigs.forEach((k, v) -> config.put(systemKey("default.stream." + k), v));
    systemConfigs.forEach((k, v) -> config.put(systemKey(k), v));
    return config;
  }

  /**
   * A key of this system.
   *
   * @param suffix the part after {@code systems.<s>.}
   * @return {@code systems.<s>.<suffix>}
   */
  protected final String systemKey(String suffix) {
    return "systems." + systemName + "." + suffix;
  }

  @SuppressWarnings("unchecked")
  private SubClass self() {
    return (SubClass) this;
  }
}
