package io.strand.yarn.am;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.UpdatedContainer;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the ResourceManager's and NodeManagers' callbacks to the {@link ContainerSupervisor}.
 *
 * The supervisor is looked up on each call, since it is made after the YARN clients; callbacks
 * arrive only once the AM has registered, by which time it exists.
 *
 * <p>Threading: called on the YARN clients' callback threads; the supervisor synchronizes.
 */
final class YarnCallbacks {

  private static final Logger LOG = LoggerFactory.getLogger(YarnCallbacks.class);

  private YarnCallbacks() {}

  /** The ResourceManager side. */
  static final class Rm extends AMRMClientAsync.AbstractCallbackHandler {
    private final Supplier<ContainerSupervisor> supervisor;

    Rm(Supplier<ContainerSupervisor> supervisor) {
      this.supervisor = supervisor;
    }

    @Override
    public void onContainersCompleted(List<ContainerStatus> statuses) {
      supervisor.get().onCompleted(statuses);
    }

    @Override
    public void onContainersAllocated(List<Container> containers) {
      supervisor.get().onAllocated(containers);
    }

    @Override
    public void onContainersUpdated(List<UpdatedContainer> containers) {
      // Strand never asks to resize a container.
    }

    @Override
    public void onShutdownRequest() {
      supervisor.get().fail("the ResourceManager asked the application master to shut down");
    }

    @Override
    public void onNodesUpdated(List<NodeReport> nodes) {
      // Lost nodes show up as completed (aborted) containers.
    }

    @Override
    public float getProgress() {
      return supervisor.get().progress();
    }

    @Override
    public void onError(Throwable e) {
      supervisor.get().fail("the application master lost the ResourceManager: " + e.getMessage());
    }
  }

  /** The NodeManager side. */
  static final class Nm extends NMClientAsync.AbstractCallbackHandler {
    private final Supplier<ContainerSupervisor> supervisor;

    Nm(Supplier<ContainerSupervisor> supervisor) {
      this.supervisor = supervisor;
    }

    @Override
    public void onContainerStarted(ContainerId id, Map<String, ByteBuffer> serviceData) {
      supervisor.get().onStarted(id);
    }

    @Override
    public void onStartContainerError(ContainerId id, Throwable e) {
      supervisor.get().onStartFailed(id, e);
    }

    @Override
    public void onStopContainerError(ContainerId id, Throwable e) {
      LOG.warn("Could not stop {} through its NodeManager: {}", id, e.getMessage());
    }

    @Override
    public void onContainerStopped(ContainerId id) {
      // Its completion arrives from the ResourceManager.
    }

    @Override
    public void onContainerStatusReceived(ContainerId id, ContainerStatus status) {}

    @Override
    public void onGetContainerStatusError(ContainerId id, Throwable e) {}

    @Override
    public void onContainerResourceIncreased(ContainerId id, Resource resource) {}

    @Override
    public void onContainerResourceUpdated(ContainerId id, Resource resource) {}

    @Override
    public void onIncreaseContainerResourceError(ContainerId id, Throwable e) {}

    @Override
    public void onUpdateContainerResourceError(ContainerId id, Throwable e) {}
  }
}
