package io.strand.container.runner;

import io.strand.config.Config;
import io.strand.container.coordinator.CoordinatorSettings;
import io.strand.container.coordinator.CoordinatorStream;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in the coordinator topic which host containers run on (for host affinity later). Best
 * effort: a failure is logged at WARN and never stops a container, since locality is only a hint.
 *
 * <p>Threading: stateless; safe from any thread.
 */
final class ContainerHosts {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerHosts.class);

  private ContainerHosts() {}

  /**
   * Records this host for every container of the model (local mode).
   *
   * @param config the job config
   * @param model the job model
   */
  static void recordThisHost(Config config, JobModel model) {
    record(config, model.containers().stream().map(ContainerModel::id).toList());
  }

  /**
   * Records this host for the given containers.
   *
   * @param config the job config
   * @param containerIds the containers running here
   */
  static void record(Config config, List<String> containerIds) {
    String host = hostName();
    try (CoordinatorStream coordinator = CoordinatorStream.create(CoordinatorSettings.fromConfig(config),
        new KafkaSystems(config))) {
      for (String id : containerIds) {
        coordinator.writeContainerHost(id, host);
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not record host '{}' of container(s) {} in the coordinator topic: {}", host, containerIds,
          e.getMessage());
    }
  }

  /**
   * This machine's name.
   *
   * @return the host name, or {@code localhost} when it cannot be resolved
   */
  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
