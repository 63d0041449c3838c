package io.strand.streams.internal.runtime;

import io.strand.config.Config;
import io.strand.context.TaskContext;
import io.strand.serdes.Serdes;
import io.strand.serializers.Serde;
import io.strand.config.view.StreamName;
import io.strand.config.view.SystemConfig;
import io.strand.task.MessageCollector;
import java.util.HashMap;
import java.util.Map;

/**
 * What the operators of one task share: the task's context, the collector of the current call,
 * the task's watermark, and serde defaults from the system's configuration.
 *
 * <p>Threading: the task's thread only.
 */
final class TaskEnv {

  final TaskContext context;
  final Config config;
  final String system;
  final String taskName;
  MessageCollector collector;
  long watermark = Long.MIN_VALUE;
  /** The task's stream-stream join buffers by store name: each side's operator makes its own, and looks up the other's. */
  final Map<String, JoinBuffer> joinBuffers = new HashMap<>();

  TaskEnv(TaskContext context, Config config, String system) {
    this.context = context;
    this.config = config;
    this.system = system;
    this.taskName = context.getTaskName().getTaskName();
  }

  /**
   * The given serde, else the system's key serde ({@code systems.<s>.samza.key.serde}).
   *
   * @param given the operator's serde, or null
   * @param operator the operator, for the error
   * @return the serde
   * @throws IllegalStateException when neither is set
   */
  @SuppressWarnings("unchecked")
  Serde<Object> keySerde(Serde<?> given, String operator) {
    if (given != null) {
      return (Serde<Object>) given;
    }
    String name = new SystemConfig(config).getKeySerde(system).orElseThrow(() -> new IllegalStateException(
        "operator '" + operator + "' needs a key serde: give one (Grouped/Materialized/Repartitioned.with) or set "
            + SystemConfig.systemKey(system, SystemConfig.SAMZA_KEY_SERDE)));
    return Serdes.fromConfig(name, config);
  }

  /**
   * The given serde, else the system's message serde ({@code systems.<s>.samza.msg.serde}).
   *
   * @param given the operator's serde, or null
   * @param operator the operator, for the error
   * @return the serde
   * @throws IllegalStateException when neither is set
   */
  @SuppressWarnings("unchecked")
  Serde<Object> valueSerde(Serde<?> given, String operator) {
    if (given != null) {
      return (Serde<Object>) given;
    }
    String name = new SystemConfig(config).getMsgSerde(system).orElseThrow(() -> new IllegalStateException(
        "operator '" + operator + "' needs a value serde: give one (Grouped/Materialized/Repartitioned.with) or set "
            + SystemConfig.systemKey(system, SystemConfig.SAMZA_MSG_SERDE)));
    return Serdes.fromConfig(name, config);
  }

  static StreamName stream(String system, String topic) {
    return new StreamName(system, topic);
  }
}
