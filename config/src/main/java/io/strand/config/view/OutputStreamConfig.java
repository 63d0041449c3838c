package io.strand.config.view;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * How missing output topics are created, with Samza's keys: {@code strand.outputs.create}, the
 * per-system defaults {@code systems.<s>.default.stream.*} and the per-stream settings
 * {@code systems.<s>.streams.<t>.*}. Of those, {@value #PARTITIONS} and
 * {@value #REPLICATION_FACTOR} are the new topic's partition count and replication factor (as
 * Samza's stream descriptors name them); every other key that is not a {@code samza.*} or
 * {@code strand.*} setting is a Kafka topic config (for example {@code cleanup.policy},
 * {@code retention.ms}) passed to the topic as it is. A per-stream value wins over the system's.
 *
 * <p>Getters parse on every call and throw {@link ConfigException} naming the key and source
 * when a value is malformed. Threading: immutable; safe to share between threads.
 */
public final class OutputStreamConfig {

  /**
   * Job-level key: whether Strand creates a missing output topic before the first send to it
   * (default true); false makes a send to a missing topic fail the container.
   */
  public static final String STRAND_OUTPUTS_CREATE = "strand.outputs.create";
  /** Infix of the per-system stream defaults: {@code systems.<s>.default.stream.<setting>}. */
  public static final String DEFAULT_STREAM_INFIX = "default.stream.";
  /** Setting (stream or system default): the partition count of a created topic. */
  public static final String PARTITIONS = "partitions";
  /** Setting (stream or system default): the replication factor of a created topic. */
  public static final String REPLICATION_FACTOR = "replication.factor";
  /** Largest replication factor Kafka accepts (a {@code short}). */
  public static final int MAX_REPLICATION_FACTOR = Short.MAX_VALUE;

  private static final Set<String> CREATION_SETTINGS = Set.of(PARTITIONS, REPLICATION_FACTOR);

  private final Config config;

  /**
   * Creates the view.
   *
   * @param config the whole job configuration
   */
  public OutputStreamConfig(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The key of a per-system stream default.
   *
   * @param system the system name
   * @param setting the setting, for example {@link #PARTITIONS} or {@code retention.ms}
   * @return {@code systems.<system>.default.stream.<setting>}
   */
  public static String defaultStreamKey(String system, String setting) {
    return SystemConfig.systemKey(system, DEFAULT_STREAM_INFIX + setting);
  }

  /**
   * Whether a stream-level setting is a Kafka topic config: not one of Strand's or Samza's own
   * ({@code samza.*}, {@code strand.*}) and not {@link #PARTITIONS} or {@link #REPLICATION_FACTOR}.
   *
   * @param setting the setting, the part of the key after {@code streams.<t>.} or {@code default.stream.}
   * @return true if it goes to the created topic's configs
   */
  public static boolean isTopicConfig(String setting) {
    return !CREATION_SETTINGS.contains(setting) && !isFrameworkSetting(setting);
  }

  /**
   * Whether a stream-level setting belongs to Samza's or Strand's own namespace.
   *
   * @param setting the setting
   * @return true for {@code samza.*} and {@code strand.*}
   */
  public static boolean isFrameworkSetting(String setting) {
    return setting.startsWith("samza.") || setting.startsWith("strand.");
  }

  /**
   * {@value #STRAND_OUTPUTS_CREATE}.
   *
   * @return whether missing output topics are created; default true
   * @throws ConfigException if neither true nor false
   */
  public boolean isCreateOutputs() {
    return config.getBoolean(STRAND_OUTPUTS_CREATE, true);
  }

  /**
   * {@code systems.<s>.default.stream.partitions}.
   *
   * @param system the system name
   * @return the partition count, or empty when unset
   * @throws ConfigException if not a whole number of at least 1
   */
  public OptionalInt getDefaultPartitions(String system) {
    return Values.optionalIntAtLeast(config, defaultStreamKey(system, PARTITIONS), 1);
  }

  /**
   * {@code systems.<s>.default.stream.replication.factor}.
   *
   * @param system the system name
   * @return the replication factor, or empty when unset (the cluster's default)
   * @throws ConfigException if not a whole number from 1 to {@value #MAX_REPLICATION_FACTOR}
   */
  public OptionalInt getDefaultReplicationFactor(String system) {
    return replicationFactor(defaultStreamKey(system, REPLICATION_FACTOR));
  }

  /**
   * The stream's {@value #PARTITIONS}.
   *
   * @param stream the stream
   * @return the stream's own partition count, or empty when unset (the system default is separate)
   * @throws ConfigException if not a whole number of at least 1
   */
  public OptionalInt getPartitions(StreamName stream) {
    return Values.optionalIntAtLeast(config, SystemConfig.streamKey(stream, PARTITIONS), 1);
  }

  /**
   * The stream's {@value #REPLICATION_FACTOR}.
   *
   * @param stream the stream
   * @return the stream's own replication factor, or empty when unset
   * @throws ConfigException if not a whole number from 1 to {@value #MAX_REPLICATION_FACTOR}
   */
  public OptionalInt getReplicationFactor(StreamName stream) {
    return replicationFactor(SystemConfig.streamKey(stream, REPLICATION_FACTOR));
  }

  /**
   * The Kafka topic configs of {@code systems.<s>.default.stream.*} (see {@link #isTopicConfig}).
   *
   * @param system the system name
   * @return config name to value, sorted; empty when none are set
   */
  public Map<String, String> getDefaultTopicConfigs(String system) {
    return topicConfigs(config.subset(SystemConfig.systemKey(system, DEFAULT_STREAM_INFIX)));
  }

  /**
   * Every key under {@code systems.<s>.streams.} with that prefix removed: {@code <t>.<setting>}.
   * Stream names may hold dots, so which part is the stream is up to the caller, who knows the
   * stream it asks about.
   *
   * @param system the system name
   * @return rest of key to value, sorted
   */
  public Map<String, String> getStreamKeys(String system) {
    return new TreeMap<>(config.subset(SystemConfig.systemKey(system, SystemConfig.STREAMS_INFIX)).asMap());
  }

  /**
   * The configuration this view reads.
   *
   * @return the whole configuration
   */
  public Config config() {
    return config;
  }

  private OptionalInt replicationFactor(String key) {
    OptionalInt value = Values.optionalIntAtLeast(config, key, 1);
    if (value.isPresent() && value.getAsInt() > MAX_REPLICATION_FACTOR) {
      throw config.problem(key, "expected a whole number from 1 to " + MAX_REPLICATION_FACTOR + ", got "
          + value.getAsInt());
    }
    return value;
  }

  private static Map<String, String> topicConfigs(Config subset) {
    Map<String, String> configs = new TreeMap<>();
    subset.asMap().forEach((setting, value) -> {
      if (isTopicConfig(setting)) {
        configs.put(setting, value.trim());
      }
    });
    return configs;
  }
}
