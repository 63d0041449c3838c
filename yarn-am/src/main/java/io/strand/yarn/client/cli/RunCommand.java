package io.strand.yarn.client.cli;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.view.JobConfig;
import io.strand.container.cli.ConfigOptions;
import io.strand.container.cli.RunJobCommand;
import io.strand.container.progress.ProgressPrinter;
import io.strand.container.runner.JobStatus;
import io.strand.yarn.YarnJob;
import io.strand.yarn.YarnJobFactory;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run --config-path <file> [--config k=v]... [--wait]}: with
 * {@code job.factory.class=io.strand.yarn.YarnJobFactory}, submits the job to YARN, prints the
 * application id and tracking URL and returns (with {@code --wait}, waits for the final status:
 * exit 0 when SUCCEEDED or KILLED, 1 when FAILED); with any other factory, runs the job in the
 * foreground as the container module's {@code run-job} does. The config is loaded, validated and
 * logged as {@code run-job} does it ({@link ConfigOptions}).
 *
 * <p>Threading: runs on the calling thread.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Submits (YARN) or runs (local) a job.")
final class RunCommand implements Callable<Integer> {

  @Mixin
  private ConfigOptions configOptions = new ConfigOptions();

  @Option(names = "--wait", description = "On YARN, wait until the application ends.")
  private boolean waitForEnd;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Config> loaded = configOptions.load(err);
    if (loaded.isEmpty()) {
      return RunJobCommand.EXIT_CONFIG;
    }
    Config config = loaded.get();
    String runner = config.get(JobConfig.JOB_FACTORY_CLASS).map(String::trim).orElse("");
    if (!runner.equals(YarnJobFactory.class.getName())
        && !runner.equals(io.strand.job.yarn.YarnJobFactory.class.getName())) {
      return RunJobCommand.run(config, err, ProgressPrinter.Mode.AUTO);
    }
    JobConfig job = new JobConfig(config);
    YarnJob yarnJob;
    try {
      yarnJob = new YarnJobFactory().newJob(config);
      yarnJob.submit();
    } catch (ConfigException e) {
      err.println("run-job: " + e.getMessage());
      err.flush();
      return RunJobCommand.EXIT_CONFIG;
    } catch (IllegalStateException | UncheckedIOException e) {
      err.println("run-job: job " + job.getName() + " could not be submitted: " + e.getMessage());
      err.flush();
      return RunJobCommand.EXIT_FAILED;
    }
    ApplicationReport report = yarnJob.report();
    out.println("Submitted job " + job.getName() + "-" + job.getId() + " as " + report.getApplicationId());
    out.println("Tracking URL: " + report.getTrackingUrl());
    out.flush();
    if (!waitForEnd) {
      return 0;
    }
    JobStatus status;
    do {
      status = yarnJob.waitForFinish(60_000);
    } while (!status.isFinished());
    out.println("Final status: " + status);
    out.flush();
    return status.state() == JobStatus.State.FAILED ? RunJobCommand.EXIT_FAILED : 0;
  }
}
