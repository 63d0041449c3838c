package io.strand.yarn.client.cli;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigRenderer;
import io.strand.config.load.ConfigLoader;
import io.strand.config.validate.ConfigValidator;
import io.strand.config.view.JobConfig;
import io.strand.container.cli.RunJobCommand;
import io.strand.container.runner.JobStatus;
import io.strand.yarn.YarnJob;
import io.strand.yarn.YarnJobFactory;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run --config-path <file> [--config k=v]... [--wait]}: with
 * {@code job.factory.class=io.strand.yarn.YarnJobFactory}, submits the job to YARN, prints the
 * application id and tracking URL and returns (with {@code --wait}, waits for the final status:
 * exit 0 when SUCCEEDED or KILLED, 1 when FAILED); with any other factory, runs the job in the
 * foreground as the container module's {@code run-job} does.
 *
 * <p>Threading: runs on the calling thread.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Submits (YARN) or runs (local) a job.")
final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Option(names = "--config-path", required = true, paramLabel = "<file>", description = "The job's .properties file.")
  private Path configPath;

  @Option(names = "--config", paramLabel = "<key=value>", description = "Overrides one config value; may be repeated.")
  private List<String> overrides = new ArrayList<>();

  @Option(names = "--wait", description = "On YARN, wait until the application ends.")
  private boolean waitForEnd;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Config config;
    try {
      config = new ConfigLoader().load(configPath, overrides);
      new ConfigValidator().validate(config);
    } catch (ConfigException e) {
      err.println("run-job: " + e.getMessage());
      err.flush();
      return RunJobCommand.EXIT_CONFIG;
    }
    if (!config.get(JobConfig.JOB_FACTORY_CLASS).map(String::trim).orElse("").equals(YarnJobFactory.class.getName())) {
      List<String> args = new ArrayList<>(List.of("--config-path", configPath.toString()));
      overrides.forEach(o -> args.addAll(List.of("--config", o)));
      return new CommandLine(new RunJobCommand()).execute(args.toArray(String[]::new));
    }
    JobConfig job = new JobConfig(config);
    LOG.info("Job {}-{}: {}", job.getName(), job.getId(), ConfigRenderer.render(config));
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
