package io.strand.yarn.it;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A real YARN for tests: MiniYARNCluster with one ResourceManager and two NodeManagers that launch
 * the AM and containers as separate JVMs, configured as PLATFORM-NOTES says (small minimum
 * allocation, no vmem check, disk check at 99 %, logs not retained so stopping is quick, capacity
 * scheduler queues set; {@value #NODE_MEMORY_MB} MB per node). Node names include the port, so
 * host affinity can tell the two NodeManagers of this one host apart. The cluster's config is
 * written as {@code yarn-site.xml} into a directory that {@link #classpath()} puts on the AM's and
 * containers' class path.
 *
 * <p>Threading: start and close from one thread.
 */
final class MiniYarn implements AutoCloseable {

  /**
   * Memory of each NodeManager, in MB: room for the AM (384 MB) and one 640 MB container but not
   * for two such containers, so 640 MB containers always run on different nodes; with 384 MB
   * containers, whatever the placement, once one of two ends both nodes have room for its
   * replacement (so only host affinity keeps it on its node).
   */
  static final int NODE_MEMORY_MB = 1152;

  private final MiniYARNCluster cluster;
  private final Path confDir;

  private MiniYarn(MiniYARNCluster cluster, Path confDir) {
    this.cluster = cluster;
    this.confDir = confDir;
  }

  static MiniYarn start(Path workDir) throws IOException {
    System.setProperty("test.build.data", workDir.resolve("data").toString());
    YarnConfiguration conf = new YarnConfiguration();
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 99f);
    conf.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, 0);
    conf.setInt(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, -1);
    conf.set("yarn.scheduler.capacity.root.queues", "default");
    conf.set("yarn.scheduler.capacity.root.default.capacity", "100");
    conf.setBoolean(YarnConfiguration.RM_SCHEDULER_INCLUDE_PORT_IN_NODE_NAME, true);
    // MiniYARNCluster overwrites each NodeManager's memory with this one.
    conf.setInt(YarnConfiguration.YARN_MINICLUSTER_NM_PMEM_MB, NODE_MEMORY_MB);
    conf.setLong(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 250);
    conf.setLong(YarnConfiguration.NM_SLEEP_DELAY_BEFORE_SIGKILL_MS, 10_000);
    MiniYARNCluster cluster = new MiniYARNCluster("strand-yarn-it", 2, 1, 1);
    boolean started = false;
    try {
      cluster.init(conf);
      cluster.start();
      Path confDir = Files.createDirectories(workDir.resolve("conf"));
      try (OutputStream out = Files.newOutputStream(confDir.resolve("yarn-site.xml"))) {
        cluster.getConfig().writeXml(out);
      }
      started = true;
      return new MiniYarn(cluster, confDir);
    } finally {
      if (!started) {
        cluster.stop(); // its non-daemon threads would keep the test JVM alive
      }
    }
  }

  /** The cluster's configuration, for clients in the test JVM. */
  YarnConfiguration conf() {
    return new YarnConfiguration(cluster.getConfig());
  }

  /** This JVM's class path plus the cluster's config directory: what the AM and containers run with. */
  String classpath() {
    return confDir + File.pathSeparator + System.getProperty("java.class.path");
  }

  /** The NodeManagers' names, as the scheduler knows them ({@code host:port}). */
  java.util.List<String> nodeNames() {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      names.add(cluster.getNodeManager(i).getNMContext().getNodeId().toString());
    }
    return names;
  }

  /**
   * A file a YARN container wrote into its log directory ({@code stdout}, {@code stderr}), on
   * whichever NodeManager ran it; the NodeManager deletes it once the application has ended.
   */
  java.util.Optional<Path> containerLog(String applicationId, String yarnContainerId, String file) {
    for (int i = 0; i < 2; i++) {
      String dirs = cluster.getNodeManager(i).getConfig().get(YarnConfiguration.NM_LOG_DIRS, "");
      for (String dir : dirs.split(",")) {
        Path log = Path.of(dir.trim().replaceFirst("^file:", "")).resolve(applicationId).resolve(yarnContainerId)
            .resolve(file);
        if (!dir.isBlank() && Files.exists(log)) {
          return java.util.Optional.of(log);
        }
      }
    }
    return java.util.Optional.empty();
  }

  /** The given log file of every container of an application that has one, on either NodeManager. */
  java.util.List<Path> containerLogs(String applicationId, String file) {
    java.util.List<Path> logs = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String dirs = cluster.getNodeManager(i).getConfig().get(YarnConfiguration.NM_LOG_DIRS, "");
      for (String dir : dirs.split(",")) {
        Path app = Path.of(dir.trim().replaceFirst("^file:", "")).resolve(applicationId);
        if (!dir.isBlank() && Files.isDirectory(app)) {
          try (java.util.stream.Stream<Path> containers = Files.list(app)) {
            containers.map(c -> c.resolve(file)).filter(Files::exists).forEach(logs::add);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      }
    }
    return logs;
  }

  @Override
  public void close() {
    cluster.stop();
  }
}
