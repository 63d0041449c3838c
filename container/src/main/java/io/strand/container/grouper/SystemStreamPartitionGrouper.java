package io.strand.container.grouper;

import io.strand.container.TaskName;
import io.strand.system.SystemStreamPartition;
import java.util.Map;
import java.util.Set;

/**
 * Turns a job's input partitions into tasks, as Samza's {@code SystemStreamPartitionGrouper}:
 * each task consumes the partitions the grouper gives it. Checkpoints, changelog partitions and
 * store directories are keyed by task name, so a job must keep its grouper once it has run.
 *
 * <p>Broadcast inputs are not passed to the grouper; the job model planner adds them to every
 * task afterwards.
 *
 * <p>Threading: implementations are stateless and safe from any thread.
 */
public interface SystemStreamPartitionGrouper {

  /**
   * Groups input partitions into tasks.
   *
   * @param ssps every input partition of the job, broadcast inputs excluded
   * @return the partitions of each task, every input partition in exactly one task; a sorted map
   *     so the result is deterministic
   */
  Map<TaskName, Set<SystemStreamPartition>> group(Set<SystemStreamPartition> ssps);
}
