package io.strand.job.model;

import io.strand.Partition;
import io.strand.container.TaskName;
import io.strand.system.SystemStreamPartition;
import java.util.Objects;
import java.util.Set;

/**
 * What the job model says about one task, as Samza's {@code org.apache.samza.job.model.TaskModel}
 * (a task reaches it through {@code context.getTaskContext().getTaskModel()}): its name, the input
 * partitions it consumes, and the partition of every changelog topic that holds its state.
 * Immutable and thread-safe.
 *
 * @param taskName the task's name, for example {@code Partition 3} under GroupByPartition
 * @param systemStreamPartitions the input partitions the task consumes, broadcast inputs included
 * @param changelogPartition the partition of every changelog topic that holds this task's state
 */
public record TaskModel(TaskName taskName, Set<SystemStreamPartition> systemStreamPartitions,
    Partition changelogPartition) implements Comparable<TaskModel> {

  /**
   * Checks the parts and copies the set.
   *
   * @param taskName the task's name
   * @param systemStreamPartitions the input partitions; copied
   * @param changelogPartition the changelog partition
   * @throws NullPointerException if a part is null
   */
  public TaskModel {
    Objects.requireNonNull(taskName, "taskName");
    Objects.requireNonNull(changelogPartition, "changelogPartition");
    systemStreamPartitions = Set.copyOf(systemStreamPartitions);
  }

  /**
   * The task's name, under Samza's accessor name.
   *
   * @return the name
   */
  public TaskName getTaskName() {
    return taskName;
  }

  /**
   * The input partitions the task consumes, under Samza's accessor name.
   *
   * @return an immutable set
   */
  public Set<SystemStreamPartition> getSystemStreamPartitions() {
    return systemStreamPartitions;
  }

  /**
   * The changelog partition, under Samza's accessor name.
   *
   * @return the partition of every changelog topic that holds this task's state
   */
  public Partition getChangelogPartition() {
    return changelogPartition;
  }

  /** Orders by task name, as Samza's. */
  @Override
  public int compareTo(TaskModel other) {
    return taskName.compareTo(other.taskName);
  }
}
