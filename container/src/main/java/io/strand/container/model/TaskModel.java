package io.strand.container.model;

import io.strand.Partition;
import io.strand.container.TaskName;
import io.strand.system.SystemStreamPartition;
import java.util.List;
import java.util.Objects;

/**
 * One task of a job: its name, the input partitions it consumes, and the changelog partition its
 * stores write to (as Samza's TaskModel).
 *
 * @param taskName the task's name, for example {@code Partition 3} under GroupByPartition
 * @param inputs the system stream partitions the task consumes, sorted, broadcast inputs included
 * @param changelogPartition the partition of every changelog topic that holds this task's state
 */
public record TaskModel(TaskName taskName, List<SystemStreamPartition> inputs, Partition changelogPartition) {

  /** Sorts and copies the inputs; no component may be null. */
  public TaskModel {
    Objects.requireNonNull(taskName, "taskName");
    Objects.requireNonNull(changelogPartition, "changelogPartition");
    inputs = inputs.stream().sorted().toList();
  }
}
