package io.strand.container.coordinator;

import io.strand.config.Config;
import io.strand.container.job.JobIdentity;
import io.strand.container.job.JobTopicSystem;
import java.util.Objects;

/**
 * Where a job's coordinator topic lives, read once from the job config: {@value #SYSTEM}
 * (default: the system of the first input), as Samza's.
 *
 * <p>Threading: immutable.
 *
 * @param job the job, which names the topic ({@link JobIdentity#coordinatorTopic()})
 * @param system the system holding the coordinator topic
 */
public record CoordinatorSettings(JobIdentity job, String system) {

  /** {@code job.coordinator.system}: the system of the coordinator topic. */
  public static final String SYSTEM = "job.coordinator.system";

  /**
   * Checks the parts are present.
   *
   * @throws NullPointerException if a part is null
   */
  public CoordinatorSettings {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(system, "system");
  }

  /**
   * Reads the settings.
   *
   * @param config the job config
   * @return the settings
   * @throws io.strand.config.ConfigException if {@code job.name} is missing or malformed, or
   *     {@value #SYSTEM} is unset and there is no input to default to
   */
  public static CoordinatorSettings fromConfig(Config config) {
    return new CoordinatorSettings(JobIdentity.fromConfig(config), JobTopicSystem.fromConfig(config, SYSTEM));
  }
}
