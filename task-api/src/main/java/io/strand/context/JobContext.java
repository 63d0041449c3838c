package io.strand.context;

import io.strand.config.Config;

/**
 * What is the same for every task of a job, as Samza's {@code JobContext}. Implemented by the
 * container; thread-safe.
 */
public interface JobContext {

  /**
   * The whole job configuration, with overrides applied; a task's own settings are usually read
   * from keys it chooses, by convention under {@code task.}.
   *
   * @return the configuration
   */
  Config getConfig();

  /**
   * The job's name, from {@code job.name}.
   *
   * @return the name
   */
  String getJobName();

  /**
   * The job's instance id, from {@code job.id} (default {@code 1}); with the name it keys
   * checkpoints, changelogs and the consumer group.
   *
   * @return the id
   */
  String getJobId();
}
