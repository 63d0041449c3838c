package io.strand.yarn;

import io.strand.config.Config;
import io.strand.config.view.JobConfig;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.yarn.client.YarnApplications;
import io.strand.yarn.client.YarnSubmitter;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job running as a YARN application. {@link #submit()} hands it to the ResourceManager (see
 * {@link YarnSubmitter}); {@link #status()} and {@link #waitForFinish(long)} read the
 * application report; {@link #kill()} asks the application master to stop the job gracefully
 * (containers commit and exit; final status KILLED) and, if the AM cannot be reached, kills the
 * application through the ResourceManager.
 *
 * <p>Threading: thread-safe; the YARN client is.
 */
public final class YarnJob implements StreamJob {

  private static final long POLL_MS = 500;
  private static final Logger LOG = LoggerFactory.getLogger(YarnJob.class);

  private final Config config;
  private final YarnConfiguration conf;
  private final YarnClient client;
  private volatile ApplicationId appId;
  private volatile JobStatus finalStatus;

  /**
   * Prepares the job; nothing is submitted yet.
   *
   * @param config the whole, validated job config
   * @param conf the Hadoop configuration naming the ResourceManager
   */
  public YarnJob(Config config, YarnConfiguration conf) {
    this.config = config;
    this.conf = conf;
    this.client = YarnClient.createYarnClient();
    client.init(conf);
  }

  @Override
  public synchronized void submit() {
    if (appId != null) {
      throw new IllegalStateException("job was already submitted as " + appId);
    }
    client.start();
    appId = new YarnSubmitter(client, conf).submit(config);
  }

  /**
   * The application's id.
   *
   * @return the id, empty before {@link #submit()}
   */
  public Optional<ApplicationId> applicationId() {
    return Optional.ofNullable(appId);
  }

  /**
   * The current application report.
   *
   * @return the report
   * @throws IllegalStateException if not submitted or the ResourceManager cannot be reached
   */
  public ApplicationReport report() {
    if (appId == null) {
      throw new IllegalStateException("job " + new JobConfig(config).getName() + " was never submitted");
    }
    try {
      return client.getApplicationReport(appId);
    } catch (YarnException | IOException e) {
      throw new IllegalStateException("cannot read the report of " + appId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public JobStatus status() {
    if (finalStatus != null) {
      return finalStatus;
    }
    JobStatus status = YarnApplications.toJobStatus(report());
    if (status.isFinished()) {
      finalStatus = status;
      client.stop();
    }
    return status;
  }

  @Override
  public JobStatus waitForFinish(long timeoutMs) {
    long deadline = System.nanoTime() + Math.max(0, timeoutMs) * 1_000_000L;
    JobStatus status = status();
    while (!status.isFinished() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(Math.min(POLL_MS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return status;
      }
      status = status();
    }
    return status;
  }

  @Override
  public void kill() {
    if (appId == null || finalStatus != null) {
      return;
    }
    ApplicationReport report = report();
    if (YarnApplications.requestGracefulKill(report)) {
      LOG.info("Job {}: application master of {} is stopping the containers", new JobConfig(config).getName(), appId);
      return;
    }
    try {
      LOG.info("Job {}: application master of {} unreachable; killing the application through the ResourceManager",
          new JobConfig(config).getName(), appId);
      client.killApplication(appId);
    } catch (YarnException | IOException e) {
      throw new IllegalStateException("cannot kill " + appId + ": " + e.getMessage(), e);
    }
  }
}
