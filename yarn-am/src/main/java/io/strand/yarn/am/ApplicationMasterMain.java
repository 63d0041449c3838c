package io.strand.yarn.am;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.load.ConfigLoader;
import io.strand.yarn.launch.JobFiles;
import java.nio.file.Path;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of the application master's JVM, started by YARN in the AM container with the
 * job's files localized ({@code job.properties}, and the package in package mode) and
 * {@code CONTAINER_ID} / {@code NM_HOST} in its environment.
 *
 * <p>Exit codes: 0 once unregistered (whatever the final status: YARN records it); 1 when the AM
 * itself failed before unregistering, so YARN starts another attempt while {@code yarn.am.attempts}
 * allows.
 *
 * <p>Threading: runs the AM on the main thread.
 */
public final class ApplicationMasterMain {

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationMasterMain.class);

  private ApplicationMasterMain() {}

  /**
   * Runs the AM and exits the JVM.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    int code;
    try {
      Config config = new ConfigLoader().load(Path.of(JobFiles.CONFIG_FILE));
      JobFiles files = JobFiles.fromEnvironment(System::getenv);
      ApplicationAttemptId attempt = ContainerId.fromString(System.getenv(Environment.CONTAINER_ID.name()))
          .getApplicationAttemptId();
      String host = System.getenv(Environment.NM_HOST.name());
      FinalApplicationStatus status = new ApplicationMaster(config, files, attempt, host).run();
      LOG.info("Application master done: {}", status);
      code = 0;
    } catch (ConfigException | IllegalStateException | IllegalArgumentException e) {
      LOG.error("Application master failed: {}", e.getMessage(), e);
      code = 1;
    } catch (InterruptedException e) {
      LOG.error("Application master interrupted");
      code = 1;
    } catch (Exception e) {
      LOG.error("Application master failed: {}", e.toString(), e);
      code = 1;
    }
    System.exit(code);
  }
}
