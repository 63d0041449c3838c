package io.strand.container.job;

import io.strand.config.Config;
import io.strand.config.view.StreamName;
import io.strand.config.view.TaskConfig;
import java.util.List;

/**
 * Which system holds one of the job's own topics (checkpoint, coordinator): the system a key
 * names, else {@code job.default.system} (which a {@code TaskApplication}'s
 * {@code withDefaultSystem} sets), else the system of the first entry of {@code task.inputs}, as
 * Samza defaults them.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class JobTopicSystem {

  /** Samza's key for the system of streams and job topics that name none. */
  public static final String DEFAULT_SYSTEM = "job.default.system";

  private JobTopicSystem() {}

  /**
   * The system named by {@code key}, else {@value #DEFAULT_SYSTEM}, else the first input's.
   *
   * @param config the job config
   * @param key the key naming the system, for example {@code task.checkpoint.system}
   * @return the system name, trimmed
   * @throws io.strand.config.ConfigException naming {@code key} when it is unset and
   *     {@code task.inputs} is empty, or naming {@code task.inputs} when that is malformed
   */
  public static String fromConfig(Config config, String key) {
    var explicit = config.get(key).or(() -> config.get(DEFAULT_SYSTEM)).map(String::trim).filter(s -> !s.isEmpty());
    if (explicit.isPresent()) {
      return explicit.get();
    }
    List<StreamName> inputs = config.get(TaskConfig.TASK_INPUTS).filter(v -> !v.isBlank()).isPresent()
        ? new TaskConfig(config).getInputs() : List.of();
    if (inputs.isEmpty()) {
      throw config.problem(key, "no system set and task.inputs is empty, so there is no first input's"
          + " system to default to; set " + key + " to one of the job's systems");
    }
    return inputs.get(0).system();
  }
}
