package io.strand.yarn;

import io.strand.config.Config;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.StreamJobFactory;
import io.strand.yarn.launch.YarnConfigurations;

/**
 * The YARN runner ({@code job.factory.class=io.strand.yarn.YarnJobFactory}), as Samza's
 * {@code YarnJobFactory}: the job runs as a YARN application whose application master computes the
 * job model and places the containers. The ResourceManager is found through
 * {@code $HADOOP_CONF_DIR} / {@code $YARN_CONF_DIR} (or a {@code yarn-site.xml} on the class path).
 *
 * <p>Unlike the local runners, nothing touches Kafka before submission: the AM computes and
 * publishes the job model in the cluster.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class YarnJobFactory implements StreamJobFactory {

  /** Creates the factory (reflectively, from configuration). */
  public YarnJobFactory() {}

  @Override
  public StreamJob getJob(Config config) {
    return newJob(config);
  }

  /**
   * As {@link #getJob(Config)}, with the YARN type (for its application id and report).
   *
   * @param config the whole, validated job config
   * @return the job, not yet submitted
   */
  public YarnJob newJob(Config config) {
    return new YarnJob(config, YarnConfigurations.load());
  }
}
