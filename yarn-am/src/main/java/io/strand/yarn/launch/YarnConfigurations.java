package io.strand.yarn.launch;

import java.io.File;
import java.util.List;
import java.util.function.Function;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The Hadoop/YARN configuration of a Strand client or AM: {@code core-site.xml} and
 * {@code yarn-site.xml} from the class path (as any Hadoop client), then from
 * {@code $HADOOP_CONF_DIR} and {@code $YARN_CONF_DIR} when those are set, later ones winning, so
 * the ResourceManager is found the way the {@code yarn} command finds it.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class YarnConfigurations {

  /** The files read from each configuration directory, in order. */
  static final List<String> FILES = List.of("core-site.xml", "yarn-site.xml");

  private YarnConfigurations() {}

  /**
   * Loads the configuration using this process's environment.
   *
   * @return a new configuration
   */
  public static YarnConfiguration load() {
    return load(System::getenv);
  }

  /**
   * Loads the configuration.
   *
   * @param environment reads an environment variable (null when unset)
   * @return a new configuration
   */
  public static YarnConfiguration load(Function<String, String> environment) {
    YarnConfiguration conf = new YarnConfiguration();
    for (String variable : List.of("HADOOP_CONF_DIR", "YARN_CONF_DIR")) {
      String dir = environment.apply(variable);
      if (dir == null || dir.isBlank()) {
        continue;
      }
      for (String name : FILES) {
        File file = new File(dir, name);
        if (file.isFile()) {
          conf.addResource(new Path(file.getAbsolutePath()));
        }
      }
    }
    return conf;
  }

  /**
   * The name a node is known by to the scheduler, for locality requests: its host, or
   * {@code host:port} when the RM is configured with
   * {@code yarn.scheduler.include-port-in-node-name} (several NodeManagers on one host, as in
   * MiniYARNCluster).
   *
   * @param conf the configuration
   * @param host the node's host
   * @param port the node's port
   * @return the node name
   */
  public static String nodeName(YarnConfiguration conf, String host, int port) {
    return conf.getBoolean(YarnConfiguration.RM_SCHEDULER_INCLUDE_PORT_IN_NODE_NAME,
        YarnConfiguration.DEFAULT_RM_SCHEDULER_USE_PORT_FOR_NODE_NAME) ? host + ":" + port : host;
  }
}
