package io.strand.container;

import io.strand.config.Config;
import io.strand.config.view.StreamName;
import io.strand.config.view.TaskConfig;
import java.util.List;

/**
 * The names a job uses on the wire: its checkpoint and coordinator topics, its consumer group, and
 * the systems those topics live on.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class JobNames {

  /** {@code task.checkpoint.system}: the system of the checkpoint topic. */
  public static final String TASK_CHECKPOINT_SYSTEM = "task.checkpoint.system";
  /** {@code job.coordinator.system}: the system of the coordinator topic. */
  public static final String JOB_COORDINATOR_SYSTEM = "job.coordinator.system";

  private JobNames() {}

  /**
   * The compacted checkpoint topic of a job.
   *
   * @param jobName {@code job.name}
   * @param jobId {@code job.id}
   * @return {@code __strand-checkpoint-<job.name>-<job.id>}
   */
  public static String checkpointTopic(String jobName, String jobId) {
    return "__strand-checkpoint-" + jobName + "-" + jobId;
  }

  /**
   * The compacted coordinator topic of a job (job model and container locality).
   *
   * @param jobName {@code job.name}
   * @param jobId {@code job.id}
   * @return {@code __strand-coordinator-<job.name>-<job.id>}
   */
  public static String coordinatorTopic(String jobName, String jobId) {
    return "__strand-coordinator-" + jobName + "-" + jobId;
  }

  /**
   * The Kafka consumer group the job's offsets are mirrored to, so stock Kafka tools show its lag.
   *
   * @param jobName {@code job.name}
   * @param jobId {@code job.id}
   * @return {@code strand-<job.name>-<job.id>}
   */
  public static String consumerGroup(String jobName, String jobId) {
    return "strand-" + jobName + "-" + jobId;
  }

  /**
   * The system holding the checkpoint topic: {@value #TASK_CHECKPOINT_SYSTEM}, else the system of
   * the first entry of {@code task.inputs}.
   *
   * @param config the job config
   * @return the system name
   * @throws io.strand.config.ConfigException naming {@value #TASK_CHECKPOINT_SYSTEM} when it is
   *     unset and {@code task.inputs} is empty, or naming {@code task.inputs} when malformed
   */
  public static String checkpointSystem(Config config) {
    return systemOf(config, TASK_CHECKPOINT_SYSTEM);
  }

  /**
   * The system holding the coordinator topic: {@value #JOB_COORDINATOR_SYSTEM}, else the system
   * of the first entry of {@code task.inputs}.
   *
   * @param config the job config
   * @return the system name
   * @throws io.strand.config.ConfigException naming {@value #JOB_COORDINATOR_SYSTEM} when it is
   *     unset and {@code task.inputs} is empty
   */
  public static String coordinatorSystem(Config config) {
    return systemOf(config, JOB_COORDINATOR_SYSTEM);
  }

  private static String systemOf(Config config, String key) {
    var explicit = config.get(key).map(String::trim).filter(s -> !s.isEmpty());
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
