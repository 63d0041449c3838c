package io.strand.context;

/**
 * What is the same for every task in one container, as Samza's {@code ContainerContext}.
 * Implemented by the container; thread-safe.
 */
public interface ContainerContext {

  /**
   * The container's id within the job, {@code "0"} to {@code job.container.count - 1} as text.
   *
   * @return the id
   */
  String getContainerId();
}
