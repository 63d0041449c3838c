package io.strand.changelog;

import io.strand.container.TaskName;
import java.util.Objects;

/**
 * A task of the container, as the storage layer needs it (from the job model's {@code TaskModel}).
 *
 * <p>Threading: an immutable value.
 *
 * @param task the task name
 * @param changelogPartition the partition of every changelog topic that holds this task's state
 */
public record TaskStorage(TaskName task, int changelogPartition) {

  /**
   * Checks the components.
   *
   * @param task the task name
   * @param changelogPartition the task's changelog partition
   * @throws NullPointerException if {@code task} is null
   * @throws IllegalArgumentException if {@code changelogPartition} is negative
   */
  public TaskStorage {
    Objects.requireNonNull(task, "task");
    if (changelogPartition < 0) {
      throw new IllegalArgumentException("changelog partition of task '" + task.name() + "' cannot be negative: "
          + changelogPartition);
    }
  }
}
