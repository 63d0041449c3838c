package io.strand.container.grouper;

import io.strand.config.Config;

/**
 * Makes the job's {@link SystemStreamPartitionGrouper}; named by
 * {@code job.systemstreampartition.grouper.factory}, as in Samza. Implementations need a public
 * no-argument constructor.
 *
 * <p>Threading: implementations are stateless and safe from any thread.
 */
public interface SystemStreamPartitionGrouperFactory {

  /**
   * The grouper for a job.
   *
   * @param config the whole job config
   * @return the grouper
   */
  SystemStreamPartitionGrouper getGrouper(Config config);
}
