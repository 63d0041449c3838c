package io.strand.container.model;

import io.strand.container.TaskName;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tasks one container runs (as Samza's ContainerModel).
 *
 * @param id the container id, {@code "0"} to {@code job.container.count - 1}
 * @param tasks the container's tasks, sorted by task name
 */
public record ContainerModel(String id, List<TaskModel> tasks) {

  /** Sorts and copies the tasks; no component may be null. */
  public ContainerModel {
    Objects.requireNonNull(id, "id");
    tasks = tasks.stream().sorted(Comparator.comparing(TaskModel::taskName)).toList();
  }

  /**
   * The model of one task of this container.
   *
   * @param taskName the task
   * @return the task's model, or empty if this container does not run it
   */
  public Optional<TaskModel> task(TaskName taskName) {
    return tasks.stream().filter(t -> t.taskName().equals(taskName)).findFirst();
  }
}
