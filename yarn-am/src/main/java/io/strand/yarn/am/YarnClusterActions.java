package io.strand.yarn.am;

import io.strand.config.Config;
import io.strand.container.coordinator.CoordinatorSettings;
import io.strand.container.coordinator.CoordinatorStream;
import io.strand.container.kafka.KafkaSystems;
import io.strand.yarn.container.YarnContainerMain;
import io.strand.yarn.launch.JobFiles;
import io.strand.yarn.launch.LaunchCommands;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterActions} on a real cluster: asks and releases through AMRMClientAsync, starts and
 * stops through NMClientAsync, and records container hosts in the coordinator topic on a thread of
 * its own (a Kafka write must not hold up YARN's callbacks). A container is launched as
 * {@code YarnContainerMain --config-path job.properties --container-id <id> --am-url <url>} with
 * {@code task.opts}, the job's files localized, and in its environment the files' URIs.
 *
 * <p>Threading: thread-safe; the YARN clients are, and the coordinator topic is used only by its
 * own single thread.
 */
final class YarnClusterActions implements ClusterActions, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(YarnClusterActions.class);

  private final AMRMClientAsync<ContainerRequest> rm;
  private final NMClientAsync nm;
  private final Map<String, LocalResource> resources;
  private final JobFiles files;
  private final Optional<String> classpath;
  private final String taskOpts;
  private final int memoryMb;
  private final String amUrl;
  private final CoordinatorStream coordinator;
  private final ExecutorService coordinatorWriter = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "strand-am-coordinator-writer");
    t.setDaemon(true);
    return t;
  });

  YarnClusterActions(AMRMClientAsync<ContainerRequest> rm, NMClientAsync nm, Map<String, LocalResource> resources,
      JobFiles files, Optional<String> classpath, String taskOpts, int memoryMb, String amUrl, Config config) {
    this.rm = rm;
    this.nm = nm;
    this.resources = Map.copyOf(resources);
    this.files = files;
    this.classpath = classpath;
    this.taskOpts = taskOpts;
    this.memoryMb = memoryMb;
    this.amUrl = amUrl;
    this.coordinator = CoordinatorStream.create(CoordinatorSettings.fromConfig(config), new KafkaSystems(config));
  }

  @Override
  public void request(ContainerRequest request) {
    rm.addContainerRequest(request);
  }

  @Override
  public void cancel(ContainerRequest request) {
    if (request != null) {
      rm.removeContainerRequest(request);
    }
  }

  @Override
  public void release(Container container) {
    rm.releaseAssignedContainer(container.getId());
  }

  @Override
  public void launch(Container container, String containerId) {
    LaunchCommands launch = LaunchCommands.build(classpath, "run-container.sh", YarnContainerMain.class.getName(),
        taskOpts, memoryMb, List.of("--config-path", JobFiles.CONFIG_FILE, "--container-id", containerId,
            "--am-url", amUrl), files.environment());
    nm.startContainerAsync(container, ContainerLaunchContext.newInstance(resources, launch.environment(),
        List.of(launch.command()), null, null, null));
  }

  @Override
  public void stop(Container container) {
    nm.stopContainerAsync(container.getId(), container.getNodeId());
  }

  @Override
  public void recordHost(String containerId, String node) {
    coordinatorWriter.execute(() -> {
      try {
        coordinator.writeContainerHost(containerId, node);
      } catch (RuntimeException e) {
        LOG.warn("Could not record node {} of container {} in the coordinator topic: {}", node, containerId,
            e.getMessage());
      }
    });
  }

  @Override
  public void close() {
    coordinatorWriter.shutdown();
    try {
      coordinatorWriter.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    coordinator.close();
  }
}
