package io.strand.yarn.am;

import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;

/**
 * What {@link ContainerSupervisor} asks of YARN and Kafka; the AM implements it with
 * AMRMClientAsync, NMClientAsync and the coordinator topic. Every call returns at once.
 *
 * <p>Threading: implementations are thread-safe.
 */
interface ClusterActions {

  /**
   * Adds a container request.
   *
   * @param request the request
   */
  void request(ContainerRequest request);

  /**
   * Withdraws a container request.
   *
   * @param request the request
   */
  void cancel(ContainerRequest request);

  /**
   * Gives an allocated, unused container back.
   *
   * @param container the container
   */
  void release(Container container);

  /**
   * Starts the container process of a logical container.
   *
   * @param container the allocated container
   * @param containerId the logical container id
   */
  void launch(Container container, String containerId);

  /**
   * Stops a running container (the NodeManager sends SIGTERM, then SIGKILL).
   *
   * @param container the container
   */
  void stop(Container container);

  /**
   * Records where a logical container runs, for host affinity.
   *
   * @param containerId the logical container id
   * @param node the node name
   */
  void recordHost(String containerId, String node);
}
