package io.strand.yarn.client.cli;

import io.strand.container.runner.JobStatus;
import io.strand.yarn.client.YarnApplications;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kill <application id> [--timeout-ms n]}: asks the application master to stop the job
 * gracefully (containers finish in-flight work, commit and exit; the application ends KILLED) and
 * waits for the end; if the AM cannot be reached or the job has not ended in time, kills the
 * application through the ResourceManager (containers then get SIGTERM from their NodeManagers).
 * Exit 0 once the application has ended, 1 if it could not be killed.
 *
 * <p>Threading: runs on the calling thread.
 */
@Command(name = "kill", mixinStandardHelpOptions = true, description = "Stops a job running on YARN.")
final class KillCommand implements Callable<Integer> {

  private static final long POLL_MS = 500;

  @Parameters(index = "0", paramLabel = "<application id>")
  private String appId;

  @Option(names = "--timeout-ms", defaultValue = "90000",
      description = "How long to wait for a graceful stop before YARN kills the application (default ${DEFAULT-VALUE}).")
  private long timeoutMs;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    ApplicationId id = AppIds.parse(spec, appId);
    PrintWriter out = spec.commandLine().getOut();
    YarnClient client = AppIds.startClient();
    try {
      JobStatus status = YarnApplications.toJobStatus(AppIds.report(client, id));
      if (status.isFinished()) {
        out.println(id + " had already ended: " + status);
        return 0;
      }
      boolean graceful = YarnApplications.requestGracefulKill(AppIds.report(client, id));
      out.println(graceful ? "Asked the application master of " + id + " to stop the job"
          : "Application master of " + id + " unreachable; killing it through the ResourceManager");
      out.flush();
      long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
      while (graceful && !status.isFinished() && System.nanoTime() < deadline) {
        Thread.sleep(POLL_MS);
        status = YarnApplications.toJobStatus(AppIds.report(client, id));
      }
      if (!status.isFinished()) {
        client.killApplication(id);
        status = YarnApplications.toJobStatus(AppIds.report(client, id));
      }
      out.println(id + ": " + status);
      return 0;
    } catch (YarnException | IOException | IllegalStateException e) {
      spec.commandLine().getErr().println("kill-job: cannot kill " + id + ": " + e.getMessage());
      return 1;
    } finally {
      client.stop();
    }
  }
}
