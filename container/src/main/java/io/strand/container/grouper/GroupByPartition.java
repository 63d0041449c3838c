package io.strand.container.grouper;

import io.strand.container.TaskName;
import io.strand.system.SystemStreamPartition;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The default grouper, as Samza's {@code GroupByPartition}: partition <i>n</i> of every input is
 * task {@code Partition n}. Inputs with the same partitioning therefore meet in one task, which is
 * what co-partitioned joins rely on. Inputs with fewer partitions simply do not contribute to the
 * higher-numbered tasks.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class GroupByPartition implements SystemStreamPartitionGrouper {

  /** The prefix of every task name this grouper makes. */
  public static final String TASK_NAME_PREFIX = "Partition ";

  /**
   * The task name of one partition number.
   *
   * @param partition the partition number, from 0
   * @return {@code Partition <partition>}
   */
  public static TaskName taskName(int partition) {
    return new TaskName(TASK_NAME_PREFIX + partition);
  }

  @Override
  public Map<TaskName, Set<SystemStreamPartition>> group(Set<SystemStreamPartition> ssps) {
    Map<TaskName, Set<SystemStreamPartition>> tasks = new TreeMap<>();
    for (SystemStreamPartition ssp : ssps) {
      tasks.computeIfAbsent(taskName(ssp.partition().id()), t -> new TreeSet<>()).add(ssp);
    }
    return tasks;
  }
}
