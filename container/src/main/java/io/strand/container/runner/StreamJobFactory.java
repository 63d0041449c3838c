package io.strand.container.runner;

import io.strand.config.Config;

/**
 * Makes a runnable job from its config; named by {@code job.factory.class}, as Samza's
 * {@code StreamJobFactory}. Implementations need a public no-argument constructor.
 *
 * <p>Threading: implementations are stateless and safe from any thread.
 */
public interface StreamJobFactory {

  /**
   * Prepares a job: computes and publishes its job model, but starts nothing.
   *
   * @param config the whole, validated job config
   * @return the job, not yet submitted
   * @throws io.strand.config.ConfigException for malformed or missing configuration
   * @throws IllegalStateException if an input topic does not exist or Kafka cannot be reached
   */
  StreamJob getJob(Config config);
}
