package io.strand.container.checkpoint;

import io.strand.config.Config;
import io.strand.config.view.MissingCheckpointPolicy;
import io.strand.config.view.TaskConfig;
import io.strand.container.job.JobIdentity;
import io.strand.container.job.JobTopicSystem;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a job's checkpoints are kept, read once from the job config. Keys as Samza's:
 * {@value #SYSTEM} (default: the system of the first input) and {@value #REPLICATION_FACTOR}
 * (default: the cluster's default).
 *
 * <p>Threading: immutable.
 *
 * @param job the job, which names the checkpoint topic ({@link JobIdentity#checkpointTopic()})
 * @param system the system holding the checkpoint topic
 * @param replicationFactor replication factor of a new checkpoint topic, 1 to 32767; empty for
 *     the cluster's default
 * @param missing {@value io.strand.config.view.TaskConfig#CHECKPOINT_MISSING}: what a container does
 *     when the checkpoints of a job that has run before are lost and its consumer group has no
 *     offsets either (see {@link MissingCheckpoints})
 */
public record CheckpointSettings(JobIdentity job, String system, Optional<Short> replicationFactor,
    MissingCheckpointPolicy missing) {

  /** {@code task.checkpoint.system}: the system of the checkpoint topic. */
  public static final String SYSTEM = "task.checkpoint.system";
  /** {@code task.checkpoint.replication.factor}: replication factor of a new checkpoint topic. */
  public static final String REPLICATION_FACTOR = "task.checkpoint.replication.factor";

  /**
   * Checks the parts are present.
   *
   * @throws NullPointerException if a part is null
   */
  public CheckpointSettings {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(replicationFactor, "replicationFactor");
    Objects.requireNonNull(missing, "missing");
  }

  /**
   * Reads the settings.
   *
   * @param config the job config
   * @return the settings
   * @throws io.strand.config.ConfigException if {@code job.name} is missing or malformed, the
   *     checkpoint system is not set and there is no input to default to, or
   *     {@value #REPLICATION_FACTOR} is not a number from 1 to 32767, or
   *     {@value io.strand.config.view.TaskConfig#CHECKPOINT_MISSING} is neither {@code fail} nor
   *     {@code offset-default}
   */
  public static CheckpointSettings fromConfig(Config config) {
    int rf = config.getInt(REPLICATION_FACTOR, -1);
    if (config.containsKey(REPLICATION_FACTOR) && (rf < 1 || rf > Short.MAX_VALUE)) {
      throw config.problem(REPLICATION_FACTOR, "must be a replication factor from 1 to " + Short.MAX_VALUE);
    }
    Optional<Short> replication = rf < 1 ? Optional.empty() : Optional.of((short) rf);
    return new CheckpointSettings(JobIdentity.fromConfig(config), JobTopicSystem.fromConfig(config, SYSTEM),
        replication, new TaskConfig(config).getMissingCheckpointPolicy());
  }
}
