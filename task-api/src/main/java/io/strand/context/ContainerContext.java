package io.strand.context;

import io.strand.job.model.ContainerModel;
import io.strand.metrics.MetricsRegistry;

/**
 * What is the same for every task in one container, as Samza's {@code ContainerContext}: its
 * container model (id and tasks) and its metrics registry. Implemented by the container;
 * thread-safe.
 */
public interface ContainerContext {

  /**
   * This container's model, as Samza's {@code getContainerModel()}: its id and its tasks.
   *
   * @return the model; the same on every call
   */
  ContainerModel getContainerModel();

  /**
   * The container's id within the job, {@code "0"} to {@code job.container.count - 1} as text;
   * short for {@code getContainerModel().getId()}.
   *
   * @return the id
   */
  default String getContainerId() {
    return getContainerModel().getId();
  }

  /**
   * The container's metrics registry, as Samza's {@code getContainerMetricsRegistry()}, shared by
   * the container's tasks: the meters made there are tagged with the job, the container and their
   * group (no task), and removed when the container ends. For a meter per task use
   * {@link TaskContext#getTaskMetricsRegistry()}.
   *
   * @return the registry; the same instance on every call
   */
  MetricsRegistry getContainerMetricsRegistry();
}
