package io.strand.container.grouper;

import io.strand.config.Config;

/**
 * Makes {@link GroupByPartition}; the default of {@code job.systemstreampartition.grouper.factory}.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class GroupByPartitionFactory implements SystemStreamPartitionGrouperFactory {

  /** Creates the factory (reflectively, from configuration). */
  public GroupByPartitionFactory() {}

  @Override
  public SystemStreamPartitionGrouper getGrouper(Config config) {
    return new GroupByPartition();
  }
}
