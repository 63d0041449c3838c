package io.strand.container.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which container runs which tasks, and which input partitions each task consumes: the plan the
 * runner (local, process or the YARN application master) executes. Deterministic for the same
 * configuration, topic metadata and previous model.
 *
 * @param jobName {@code job.name}
 * @param jobId {@code job.id}
 * @param grouperFactory the SSP grouper factory class that produced the task names; checkpoints
 *     are keyed by task, so a job must keep its grouper
 * @param containers the containers, sorted by id
 */
public record JobModel(String jobName, String jobId, String grouperFactory, List<ContainerModel> containers) {

  /** Sorts and copies the containers; no component may be null. */
  public JobModel {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(grouperFactory, "grouperFactory");
    containers = containers.stream().sorted(Comparator.comparing(ContainerModel::id)).toList();
  }

  /**
   * One container's model.
   *
   * @param containerId the container id
   * @return the container's model, or empty if there is no such container
   */
  public Optional<ContainerModel> container(String containerId) {
    return containers.stream().filter(c -> c.id().equals(containerId)).findFirst();
  }

  /**
   * The number of tasks over all containers.
   *
   * @return the task count
   */
  public int taskCount() {
    return containers.stream().mapToInt(c -> c.tasks().size()).sum();
  }
}
