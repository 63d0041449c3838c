package io.strand.container.cli;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.view.BroadcastInput;
import io.strand.config.view.JobConfig;
import io.strand.config.view.StreamName;
import io.strand.config.view.SystemConfig;
import io.strand.config.view.TaskConfig;
import io.strand.container.progress.ProgressPrinter;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.StreamJobFactory;
import io.strand.container.runner.ThreadJobFactory;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run-job --config-path <file> [--config k=v]...}: runs a job in the foreground with the
 * runner named by {@code job.factory.class} (default: every container a thread of this JVM), as
 * Samza's {@code run-job}. Loads and validates the config (every problem printed at once), logs
 * it once with secrets masked, computes and publishes the job model, submits the job and waits.
 * SIGTERM or Ctrl-C stops the job gracefully: the containers finish in-flight work, commit and
 * close within {@code task.shutdown.ms} (plus a margin).
 *
 * <p>Exit codes:
 * <ul>
 *   <li>0: the job succeeded (for example every bounded input ended after a final commit);</li>
 *   <li>1: the job failed, or could not start (for example an input topic does not exist);</li>
 *   <li>2: the command line or the config is invalid;</li>
 *   <li>130 / 143 (SIGINT / SIGTERM): the job was stopped on request; the JVM exits with the
 *       signal's conventional status after the graceful stop.</li>
 * </ul>
 * Every error ends with one {@code run-job:} line on stderr, without a stack trace (an unexpected
 * one's trace is logged at DEBUG); a failed job's cause is the last line.
 *
 * <p>Progress (records restored and processed, rate, lag, and an ETA when every input is bounded)
 * goes to stdout while the job runs, as one line updated in place on a terminal, or as a plain line
 * every 10 s otherwise (bounded inputs only, unless {@code --progress lines}); only the local runner
 * can tell it.
 *
 * <p>Threading: runs on the calling thread; the shutdown hook only asks the job to stop and waits.
 */
@Command(name = "run-job", mixinStandardHelpOptions = true,
    description = "Runs a Strand job until it ends (bounded inputs) or is stopped (Ctrl-C / SIGTERM).")
public final class RunJobCommand implements Callable<Integer> {

  /** Exit code of a job that failed or could not start. */
  public static final int EXIT_FAILED = 1;
  /** Exit code of an invalid command line or config. */
  public static final int EXIT_CONFIG = 2;
  /** Time granted over {@code task.shutdown.ms} for the runner itself to wind down, in ms. */
  static final long SHUTDOWN_MARGIN_MS = 15_000;

  private static final Logger LOG = LoggerFactory.getLogger(RunJobCommand.class);

  @Mixin
  private ConfigOptions configOptions = new ConfigOptions();

  @Option(names = "--progress", paramLabel = "<mode>", defaultValue = "auto",
      description = "Progress on stdout: auto (in place on a terminal; else lines for bounded inputs), terminal,"
          + " lines or off. Default: ${DEFAULT-VALUE}.")
  private String progress = "auto";

  @Spec
  private CommandSpec spec;

  /** Used by picocli. */
  public RunJobCommand() {}

  /**
   * Runs the command and exits the JVM with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new RunJobCommand()).execute(args));
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    ProgressPrinter.Mode progressMode;
    try {
      progressMode = ProgressPrinter.Mode.parse(progress);
    } catch (IllegalArgumentException e) {
      err.println("run-job: " + e.getMessage());
      err.flush();
      return EXIT_CONFIG;
    }
    return configOptions.load(err).map(config -> run(config, err, progressMode)).orElse(EXIT_CONFIG);
  }

  /**
   * Runs a job in the foreground with the runner named by {@code job.factory.class}, until it
   * ends or this JVM is asked to stop (a shutdown hook stops the job gracefully). Used by this
   * command and by the YARN module's {@code run} for jobs that do not run on YARN.
   *
   * @param config the job's loaded and validated config ({@link ConfigOptions#load})
   * @param err where a failure is printed, as one line
   * @param progressMode how progress is shown on stdout (local runners only)
   * @return the exit code: 0 when the job succeeded or was stopped on request,
   *     {@link #EXIT_CONFIG} when the runner rejects the config, {@link #EXIT_FAILED} when the job
   *     failed or could not start
   */
  public static int run(Config config, PrintWriter err, ProgressPrinter.Mode progressMode) {
    JobConfig job = new JobConfig(config);
    String label = job.getName() + "-" + job.getId();

    StreamJob streamJob;
    try {
      streamJob = newFactory(config).getJob(config);
    } catch (ConfigException e) {
      err.println("run-job: " + e.getMessage());
      err.flush();
      return EXIT_CONFIG;
    } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
      err.println("run-job: job " + label + " cannot start: " + e.getMessage());
      err.flush();
      return EXIT_FAILED;
    } catch (RuntimeException e) {
      // Unexpected (a client library's own error): still one summary line; the trace is for DEBUG.
      return unexpected(label, e, err);
    }

    long stopWaitMs = new TaskConfig(config).getShutdownMs() + SHUTDOWN_MARGIN_MS;
    Thread hook = new Thread(() -> {
      if (!streamJob.status().isFinished()) {
        LOG.info("Job {}: stopping on signal (waiting up to {} ms)", label, stopWaitMs);
        streamJob.kill();
        JobStatus status = streamJob.waitForFinish(stopWaitMs);
        LOG.info("Job {}: {}", label, status.isFinished() ? status : "did not stop within " + stopWaitMs + " ms");
      }
    }, "strand-run-job-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    try {
      streamJob.submit();
    } catch (RuntimeException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      streamJob.kill();
      return unexpected(label, e, err);
    }
    JobStatus status;
    try (ProgressPrinter ignored = ProgressPrinter.start(streamJob::progress, System.out, progressMode,
        allInputsBounded(config))) {
      do {
        status = streamJob.waitForFinish(Long.MAX_VALUE);
      } while (!status.isFinished());
    }
    switch (status.state()) {
      case SUCCEEDED, KILLED -> {
        return 0; // the runner logged the final status
      }
      default -> {
        err.println("run-job: job " + label + " failed: " + status.cause().orElse("unknown cause"));
        err.flush();
        return EXIT_FAILED;
      }
    }
  }

  private static int unexpected(String label, RuntimeException e, PrintWriter err) {
    LOG.debug("Job {}: cannot start", label, e);
    String message = e.getMessage() == null ? "" : ": " + e.getMessage();
    Throwable cause = e.getCause();
    String because = cause == null || cause.getMessage() == null || message.contains(cause.getMessage()) ? ""
        : " (" + cause.getMessage() + ")";
    err.println("run-job: job " + label + " cannot start: " + e.getClass().getSimpleName() + message + because);
    err.flush();
    return EXIT_FAILED;
  }

  /**
   * Whether every input stream, broadcast ones included, is bounded
   * ({@code systems.<s>.streams.<t>.strand.bounded=true}, read by the container's
   * {@code InputStreamSettings}): then the job ends by itself and progress has an ETA.
   *
   * @param config the validated config
   * @return true when the job ends by itself
   */
  static boolean allInputsBounded(Config config) {
    TaskConfig task = new TaskConfig(config);
    return Stream.concat(task.getInputs().stream(), task.getBroadcastInputs().stream().map(BroadcastInput::stream))
        .allMatch((StreamName s) -> config.getBoolean(SystemConfig.streamKey(s, "strand.bounded"), false));
  }

  private static StreamJobFactory newFactory(Config config) {
    return config.newInstance(JobConfig.JOB_FACTORY_CLASS, StreamJobFactory.class).orElseGet(ThreadJobFactory::new);
  }

}
