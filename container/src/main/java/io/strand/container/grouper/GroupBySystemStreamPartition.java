package io.strand.container.grouper;

import io.strand.container.TaskName;
import io.strand.system.SystemStreamPartition;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One task per input partition, as Samza's {@code GroupBySystemStreamPartition}: the most
 * parallelism an input allows, for jobs that never join streams. Task names follow Samza's form,
 * {@code SystemStreamPartition [kafka, flights, 0]}.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class GroupBySystemStreamPartition implements SystemStreamPartitionGrouper {

  /**
   * The task name of one input partition.
   *
   * @param ssp the partition
   * @return {@code SystemStreamPartition [<system>, <stream>, <partition>]}
   */
  public static TaskName taskName(SystemStreamPartition ssp) {
    return new TaskName("SystemStreamPartition [" + ssp.getSystem() + ", " + ssp.getStream() + ", "
        + ssp.partition().id() + "]");
  }

  @Override
  public Map<TaskName, Set<SystemStreamPartition>> group(Set<SystemStreamPartition> ssps) {
    Map<TaskName, Set<SystemStreamPartition>> tasks = new TreeMap<>();
    for (SystemStreamPartition ssp : ssps) {
      tasks.put(taskName(ssp), Set.of(ssp));
    }
    return tasks;
  }
}
