package io.strand.container.grouper;

import io.strand.config.Config;

/**
 * Makes {@link GroupBySystemStreamPartition}.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class GroupBySystemStreamPartitionFactory implements SystemStreamPartitionGrouperFactory {

  /** Creates the factory (reflectively, from configuration). */
  public GroupBySystemStreamPartitionFactory() {}

  @Override
  public SystemStreamPartitionGrouper getGrouper(Config config) {
    return new GroupBySystemStreamPartition();
  }
}
