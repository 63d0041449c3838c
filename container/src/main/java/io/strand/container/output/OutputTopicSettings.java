package io.strand.container.output;

import io.strand.config.Config;
import io.strand.config.view.BroadcastInput;
import io.strand.config.view.OutputStreamConfig;
import io.strand.config.view.StreamName;
import io.strand.config.view.SystemConfig;
import io.strand.config.view.TaskConfig;
import io.strand.system.SystemStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the container treats output topics, resolved once from the job config
 * ({@link OutputStreamConfig}): whether missing ones are created ({@code strand.outputs.create}),
 * the job's inputs (whose largest partition count is the default partition count of a created
 * topic), and each system's {@code systems.<s>.default.stream.*} and
 * {@code systems.<s>.streams.<t>.*} topic settings. Outputs are not declared in a Samza job, so
 * the per-stream settings are kept by system and matched to a stream when it is first sent to
 * ({@link #specFor}).
 *
 * <p>Threading: an immutable value.
 *
 * @param create whether a missing output topic is created before the first send to it
 * @param inputs the job's input streams ({@code task.inputs} and {@code task.broadcast.inputs})
 * @param systemDefaults per system, the {@code default.stream.*} creation settings
 * @param streamSettings per system, the creation settings under {@code streams.}: key rest
 *     {@code <t>.<setting>} to value, {@code samza.*} and {@code strand.*} settings left out
 */
public record OutputTopicSettings(boolean create, List<SystemStream> inputs, Map<String, TopicSpec> systemDefaults,
    Map<String, Map<String, String>> streamSettings) {

  /**
   * How to create one topic.
   *
   * @param partitions the partition count, or empty for the job's largest input partition count
   * @param replicationFactor the replication factor, or empty for the cluster's default
   * @param configs Kafka topic configs, for example {@code cleanup.policy=compact}
   * @param keys the config keys these settings came from, for messages
   */
  public record TopicSpec(OptionalInt partitions, OptionalInt replicationFactor, Map<String, String> configs,
      List<String> keys) {

    /** Copies the collections. */
    public TopicSpec {
      Objects.requireNonNull(partitions, "partitions");
      Objects.requireNonNull(replicationFactor, "replicationFactor");
      configs = Map.copyOf(configs);
      keys = List.copyOf(keys);
    }
  }

  /** Copies the collections. */
  public OutputTopicSettings {
    inputs = List.copyOf(inputs);
    systemDefaults = Map.copyOf(systemDefaults);
    Map<String, Map<String, String>> copy = new TreeMap<>();
    streamSettings.forEach((system, keys) -> copy.put(system, Map.copyOf(keys)));
    streamSettings = Map.copyOf(copy);
  }

  /**
   * Reads the settings.
   *
   * @param config the whole job config
   * @return the settings
   * @throws io.strand.config.ConfigException if {@code strand.outputs.create}, a
   *     {@code partitions} or a {@code replication.factor} value is malformed, or the inputs are
   */
  public static OutputTopicSettings fromConfig(Config config) {
    OutputStreamConfig outputs = new OutputStreamConfig(config);
    TaskConfig task = new TaskConfig(config);
    Set<SystemStream> inputs = new LinkedHashSet<>();
    task.getInputs().forEach(s -> inputs.add(new SystemStream(s.system(), s.stream())));
    for (BroadcastInput b : task.getBroadcastInputs()) {
      inputs.add(new SystemStream(b.stream().system(), b.stream().stream()));
    }
    Map<String, TopicSpec> defaults = new TreeMap<>();
    Map<String, Map<String, String>> streams = new TreeMap<>();
    for (String system : new SystemConfig(config).getSystemNames()) {
      Map<String, String> configs = outputs.getDefaultTopicConfigs(system);
      List<String> keys = new ArrayList<>();
      configs.keySet().forEach(c -> keys.add(OutputStreamConfig.defaultStreamKey(system, c)));
      OptionalInt partitions = outputs.getDefaultPartitions(system);
      OptionalInt replication = outputs.getDefaultReplicationFactor(system);
      partitions.ifPresent(p -> keys.add(OutputStreamConfig.defaultStreamKey(system, OutputStreamConfig.PARTITIONS)));
      replication.ifPresent(r -> keys.add(
          OutputStreamConfig.defaultStreamKey(system, OutputStreamConfig.REPLICATION_FACTOR)));
      defaults.put(system, new TopicSpec(partitions, replication, configs, keys));
      Map<String, String> settings = new TreeMap<>();
      outputs.getStreamKeys(system).forEach((rest, value) -> {
        if (!isFrameworkKey(rest)) {
          // partitions and replication.factor are parsed here (errors name the key) and kept normalized.
          OptionalInt number = number(outputs, system, rest);
          settings.put(rest, number.isPresent() ? Integer.toString(number.getAsInt()) : value.trim());
        }
      });
      streams.put(system, settings);
    }
    return new OutputTopicSettings(outputs.isCreateOutputs(), new ArrayList<>(inputs), defaults, streams);
  }

  /**
   * How to create one output topic: its {@code systems.<s>.streams.<t>.*} settings over its
   * system's {@code default.stream.*} ones.
   *
   * @param stream the output stream
   * @return the topic's partitions (if set), replication factor (if set) and topic configs
   */
  public TopicSpec specFor(SystemStream stream) {
    TopicSpec base = systemDefaults.get(stream.system());
    OptionalInt partitions = base == null ? OptionalInt.empty() : base.partitions();
    OptionalInt replication = base == null ? OptionalInt.empty() : base.replicationFactor();
    Map<String, String> configs = new TreeMap<>(base == null ? Map.of() : base.configs());
    List<String> keys = new ArrayList<>(base == null ? List.of() : base.keys());
    String prefix = stream.stream() + ".";
    for (Map.Entry<String, String> e : streamSettings.getOrDefault(stream.system(), Map.of()).entrySet()) {
      if (!e.getKey().startsWith(prefix) || ofLongerInput(stream, e.getKey())) {
        continue;
      }
      String setting = e.getKey().substring(prefix.length());
      keys.add(SystemConfig.systemKey(stream.system(), SystemConfig.STREAMS_INFIX) + e.getKey());
      switch (setting) {
        case OutputStreamConfig.PARTITIONS -> partitions = OptionalInt.of(Integer.parseInt(e.getValue()));
        case OutputStreamConfig.REPLICATION_FACTOR -> replication = OptionalInt.of(Integer.parseInt(e.getValue()));
        default -> configs.put(setting, e.getValue());
      }
    }
    return new TopicSpec(partitions, replication, configs, keys);
  }

  /** Whether a key under {@code streams.<t>.} belongs to an input whose name extends {@code <t>.}. */
  private boolean ofLongerInput(SystemStream stream, String rest) {
    for (SystemStream input : inputs) {
      if (input.system().equals(stream.system()) && input.stream().length() > stream.stream().length()
          && rest.startsWith(input.stream() + ".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isFrameworkKey(String rest) {
    return rest.contains(".samza.") || rest.contains(".strand.") || OutputStreamConfig.isFrameworkSetting(rest);
  }

  private static OptionalInt number(OutputStreamConfig outputs, String system, String rest) {
    for (String setting : List.of(OutputStreamConfig.PARTITIONS, OutputStreamConfig.REPLICATION_FACTOR)) {
      if (rest.endsWith("." + setting) && rest.length() > setting.length() + 1) {
        StreamName stream = new StreamName(system, rest.substring(0, rest.length() - setting.length() - 1));
        return setting.equals(OutputStreamConfig.PARTITIONS)
            ? outputs.getPartitions(stream) : outputs.getReplicationFactor(stream);
      }
    }
    return OptionalInt.empty();
  }
}
