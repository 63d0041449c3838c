package io.strand.yarn.container;

import io.micrometer.core.instrument.MeterRegistry;
import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.load.ConfigLoader;
import io.strand.config.view.JobConfig;
import io.strand.container.assembly.StreamContainer;
import io.strand.container.model.JobModel;
import io.strand.container.report.ContainerReport;
import io.strand.container.report.MeterReports;
import io.strand.container.report.Reporter;
import io.strand.container.runner.ContainerProcess;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The entry point of a container JVM on YARN (Samza's {@code SamzaContainer} main):
 * {@code YarnContainerMain --config-path job.properties --container-id <id> --am-url <url>}.
 * Fetches the job model from the application master, runs this container's
 * {@link StreamContainer}, and reports lag, commits, restore progress and its Prometheus endpoint
 * ({@code metrics.reporters}) to the AM every
 * {@value ContainerReport#INTERVAL_MS} ms; a reply asking to stop stops the container gracefully.
 *
 * <p>Exit codes, as the process runner's container: 0 when the container finished by itself
 * (bounded inputs) or was stopped by its AM; 1 when it failed (the error logged as one line); 2
 * for a bad command line. SIGTERM (the NodeManager stopping it) stops it gracefully within
 * {@code task.shutdown.ms}; the JVM then exits 143.
 *
 * <p>Threading: the container runs on the main thread; a daemon thread reports; the shutdown hook
 * only asks the container to stop and waits for it.
 */
@Command(name = "strand-yarn-container", mixinStandardHelpOptions = true,
    description = "Runs one container of a Strand job on YARN (started by the application master).")
public final class YarnContainerMain implements Callable<Integer> {

  /** How long to keep asking the AM for the job model, in ms. */
  static final long MODEL_TIMEOUT_MS = 60_000;

  private static final Logger LOG = LoggerFactory.getLogger(YarnContainerMain.class);

  @Option(names = "--config-path", required = true, description = "The job's .properties file.")
  private Path configPath;

  @Option(names = "--container-id", required = true, description = "Which container of the job model to run.")
  private String containerId;

  @Option(names = "--am-url", required = true, description = "The application master's HTTP base URL.")
  private String amUrl;

  private final ContainerProcess process = new ContainerProcess();

  /** Used by picocli. */
  public YarnContainerMain() {}

  /**
   * Runs a container and exits the JVM with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    YarnContainerMain main = new YarnContainerMain();
    int code = new CommandLine(main).execute(args);
    if (!main.process.shuttingDown()) {
      System.exit(code); // Kafka client threads must not keep a finished container alive
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    String yarnContainerId = String.valueOf(System.getenv("CONTAINER_ID"));
    Config config;
    JobModel model;
    String job = "?";
    AmClient am = new AmClient(amUrl);
    try {
      config = new ConfigLoader().load(configPath);
      JobConfig jobConfig = new JobConfig(config);
      job = jobConfig.getName() + "-" + jobConfig.getId();
      model = am.fetchJobModel(MODEL_TIMEOUT_MS);
      if (model.container(containerId).isEmpty()) {
        LOG.error("Job {}: the job model has no container '{}'", job, containerId);
        return 1;
      }
    } catch (ConfigException | IllegalStateException | IllegalArgumentException e) {
      LOG.error("Job {}: container {} cannot start: {}", job, containerId, e.getMessage());
      return 1;
    }

    String label = job;
    return process.run(config, model, containerId, job, yarnContainerId,
        (container, meters) -> startReporting(am, container, meters.registry(),
            MeterReports.firstUrl(meters.endpoints()), label, yarnContainerId));
  }

  /**
   * Reports lag, restore, checkpoints and the metrics endpoint to the AM every second; the AM's reply can ask
   * for a stop.
   */
  private AutoCloseable startReporting(AmClient am, StreamContainer container, MeterRegistry registry,
      String metricsUrl, String label, String yarnContainerId) {
    return Reporter.start(am.reports(), new MeterReports(registry, containerId, yarnContainerId, metricsUrl), label,
        containerId, container::stop);
  }
}
