package io.strand.job.model;

import io.strand.container.TaskName;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the job model says about one container, as Samza's
 * {@code org.apache.samza.job.model.ContainerModel} (a task reaches it through
 * {@code context.getContainerContext().getContainerModel()}): its id and the tasks it runs.
 * Immutable and thread-safe.
 *
 * @param id the container's id within the job, {@code "0"} to {@code job.container.count - 1}
 * @param tasks the container's tasks by name, sorted by name
 */
public record ContainerModel(String id, Map<TaskName, TaskModel> tasks) {

  /**
   * Checks the parts and copies the map.
   *
   * @param id the container's id
   * @param tasks the container's tasks by name; copied
   * @throws NullPointerException if a part is null
   */
  public ContainerModel {
    Objects.requireNonNull(id, "id");
    tasks = Collections.unmodifiableMap(new TreeMap<>(tasks));
  }

  /**
   * The container's id, under Samza's accessor name.
   *
   * @return the id
   */
  public String getId() {
    return id;
  }

  /**
   * The container's tasks, under Samza's accessor name.
   *
   * @return an immutable map, sorted by task name
   */
  public Map<TaskName, TaskModel> getTasks() {
    return tasks;
  }
}
