package io.strand.context;

import io.strand.metrics.MetricsRegistry;

/**
 * What is the same for every task in one container, as Samza's {@code ContainerContext}: its id
 * and its metrics registry. Implemented by the container; thread-safe.
 */
public interface ContainerContext {

  /**
   * The container's id within the job, {@code "0"} to {@code job.container.count - 1} as text.
   *
   * @return the id
   */
  String getContainerId();

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
