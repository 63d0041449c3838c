package io.strand.yarn.client;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.view.ClusterManagerConfig;
import io.strand.config.view.JobConfig;
import io.strand.yarn.am.ApplicationMasterMain;
import io.strand.yarn.launch.JobFiles;
import io.strand.yarn.launch.JobStaging;
import io.strand.yarn.launch.LaunchCommands;
import io.strand.yarn.launch.YarnSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits a Strand job to YARN, as Samza's {@code YarnJob}: stages the effective config, names the
 * job package ({@code yarn.package.path}, {@code file://} or {@code hdfs://}) as an ARCHIVE to
 * localize, and starts the application master with {@code yarn.am.container.memory.mb} and
 * {@code yarn.am.opts} in {@code yarn.queue}. The application keeps its containers across AM
 * attempts ({@code yarn.am.attempts}, default 2), so an AM restart does not stop the job.
 *
 * <p>Security: for clusters without Kerberos; no delegation tokens are obtained.
 *
 * <p>Threading: stateless apart from the client handed in; one submission per call.
 */
public final class YarnSubmitter {

  /** The application type shown by YARN. */
  public static final String APPLICATION_TYPE = "STRAND";

  private static final Logger LOG = LoggerFactory.getLogger(YarnSubmitter.class);

  private final YarnClient client;
  private final YarnConfiguration conf;

  /**
   * Creates a submitter.
   *
   * @param client a started YARN client
   * @param conf its configuration
   */
  public YarnSubmitter(YarnClient client, YarnConfiguration conf) {
    this.client = client;
    this.conf = conf;
  }

  /**
   * Submits the job and returns once YARN accepted it.
   *
   * @param config the whole, validated job config
   * @return the application id
   * @throws ConfigException if neither {@code yarn.package.path} nor
   *     {@value YarnSettings#CLASSPATH} is set, or a value is malformed
   * @throws UncheckedIOException if the config cannot be staged or the package cannot be read
   * @throws IllegalStateException if the ResourceManager refuses or cannot be reached
   */
  public ApplicationId submit(Config config) {
    JobConfig job = new JobConfig(config);
    ClusterManagerConfig cluster = new ClusterManagerConfig(config);
    YarnSettings yarn = new YarnSettings(config);
    Optional<String> classpath = yarn.classpath();
    Optional<URI> packageUri = cluster.getYarnPackagePath().map(p -> qualify(p, config));
    if (packageUri.isEmpty() && classpath.isEmpty()) {
      throw config.problem(ClusterManagerConfig.YARN_PACKAGE_PATH,
          "is required to run on YARN: the URI of the job package (a tar.gz with bin/ and lib/)");
    }
    String label = job.getName() + "-" + job.getId();
    try {
      YarnClientApplication app = client.createApplication();
      ApplicationSubmissionContext context = app.getApplicationSubmissionContext();
      ApplicationId appId = context.getApplicationId();
      URI configUri = JobStaging.stageConfig(conf, config, appId);
      JobFiles files = new JobFiles(configUri, classpath.isPresent() ? Optional.empty() : packageUri);
      int memoryMb = cluster.getYarnAmContainerMemoryMb();
      LaunchCommands launch = LaunchCommands.build(classpath, "run-am.sh", ApplicationMasterMain.class.getName(),
          cluster.getYarnAmOpts().orElse(""), memoryMb, List.of(), files.environment());
      ContainerLaunchContext am = ContainerLaunchContext.newInstance(files.localResources(conf),
          launch.environment(), List.of(launch.command()), null, null, null);
      context.setApplicationName("strand-" + label);
      context.setApplicationType(APPLICATION_TYPE);
      context.setAMContainerSpec(am);
      context.setResource(Resource.newInstance(memoryMb, 1));
      context.setKeepContainersAcrossApplicationAttempts(true);
      context.setMaxAppAttempts(yarn.amAttempts());
      cluster.getYarnQueue().ifPresent(context::setQueue);
      client.submitApplication(context);
      LOG.info("Job {}: submitted as {} to queue '{}' ({} MB AM, package {})", label, appId,
          cluster.getYarnQueue().orElse("default"), memoryMb, files.packageUri().map(URI::toString)
              .orElse("none: class path " + classpath.orElse("")));
      return appId;
    } catch (YarnException e) {
      throw new IllegalStateException("YARN refused job " + label + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the ResourceManager at "
          + conf.get(YarnConfiguration.RM_ADDRESS, YarnConfiguration.DEFAULT_RM_ADDRESS) + ": " + e.getMessage(), e);
    }
  }

  private URI qualify(String packagePath, Config config) {
    try {
      Path path = new Path(packagePath);
      return path.getFileSystem(conf).makeQualified(path).toUri();
    } catch (IllegalArgumentException | IOException e) {
      throw config.problem(ClusterManagerConfig.YARN_PACKAGE_PATH, "is not a usable URI (" + e.getMessage() + ")");
    }
  }
}
