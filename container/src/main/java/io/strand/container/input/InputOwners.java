package io.strand.container.input;

import io.strand.container.TaskName;
import io.strand.container.model.JobModel;
import io.strand.container.model.TaskModel;
import io.strand.system.SystemStreamPartition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which task answers for the bad messages of an input partition that several tasks consume (a
 * {@code task.broadcast.inputs} partition, given to every task of every container): only that
 * task dead-letters, counts and logs them, so a bad broadcast message reaches the dead-letter
 * stream once per job instead of once per task. A partition consumed by one task is that task's.
 *
 * <p>The rule: order the tasks holding the partition by changelog partition (the dense, stable
 * task index of the job model), and take the one at {@code partition mod holders}. Every
 * container computes it from the same job model, so exactly one task in the whole job owns each
 * partition whichever container runs it; and the partitions of a broadcast stream spread over
 * the tasks instead of all landing on one.
 *
 * <p>Threading: immutable.
 */
public final class InputOwners {

  private final Map<SystemStreamPartition, TaskName> shared;

  private InputOwners(Map<SystemStreamPartition, TaskName> shared) {
    this.shared = Map.copyOf(shared);
  }

  /**
   * The owners of the shared partitions of a job.
   *
   * @param model the whole job model (every container's tasks)
   * @return the owners
   */
  public static InputOwners of(JobModel model) {
    Map<SystemStreamPartition, List<TaskModel>> holders = new HashMap<>();
    model.containers().forEach(c -> c.tasks().forEach(t ->
        t.inputs().forEach(ssp -> holders.computeIfAbsent(ssp, x -> new ArrayList<>()).add(t))));
    Map<SystemStreamPartition, TaskName> shared = new HashMap<>();
    holders.forEach((ssp, tasks) -> {
      if (tasks.size() > 1) {
        tasks.sort(Comparator.comparingInt((TaskModel t) -> t.changelogPartition().id())
            .thenComparing(t -> t.taskName().name()));
        shared.put(ssp, tasks.get(ssp.getPartition().id() % tasks.size()).taskName());
      }
    });
    return new InputOwners(shared);
  }

  /**
   * Whether a task answers for the bad messages it reads from a partition.
   *
   * @param task the task
   * @param ssp one of its input partitions
   * @return true if no other task consumes the partition, or this task is its owner
   */
  public boolean owns(TaskName task, SystemStreamPartition ssp) {
    TaskName owner = shared.get(ssp);
    return owner == null || owner.equals(task);
  }

  /**
   * The owner of a partition several tasks consume.
   *
   * @param ssp the partition
   * @return its owner, or null if at most one task consumes it
   */
  public TaskName ownerOfShared(SystemStreamPartition ssp) {
    return shared.get(ssp);
  }
}
