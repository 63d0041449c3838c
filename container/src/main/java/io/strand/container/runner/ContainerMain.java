package io.strand.container.runner;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.load.ConfigLoader;
import io.strand.config.view.JobConfig;
import io.strand.container.coordinator.JobModels;
import io.strand.container.model.JobModel;
import io.strand.container.report.MeterReports;
import io.strand.container.report.ReportClient;
import io.strand.container.report.Reporter;
import io.strand.metrics.reporter.MetricsEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The entry point of a container JVM (process mode, and the base of the YARN launcher):
 * {@code ContainerMain --config-path <file> [--config k=v]... --container-id <id> [--endpoints-file <file>]
 * [--status-url <url>]}. Loads the config, reads the job model the runner published to the
 * coordinator topic, and runs this container's {@link io.strand.container.assembly.StreamContainer} (see
 * {@link ContainerProcess}); with {@code --status-url} it posts a report to the runner's status
 * page every second.
 *
 * <p>Exit codes: 0 when the container finished by itself (every bounded input ended, or the tasks
 * asked to shut down); 1 when it failed, with the error logged as one line; 2 for a bad command
 * line. SIGTERM stops the container gracefully (in-flight work, final commit, tasks closed) within
 * {@code task.shutdown.ms}; the JVM then exits with the signal's status (143), as any JVM does.
 *
 * <p>Threading: the container runs on the main thread; the shutdown hook only asks it to stop and
 * waits for it.
 */
@Command(name = "strand-container", mixinStandardHelpOptions = true,
    description = "Runs one container of a Strand job (started by the process runner).")
public final class ContainerMain implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerMain.class);

  @Option(names = "--config-path", required = true, description = "The job's .properties file.")
  private Path configPath;

  @Option(names = "--config", description = "A key=value override; may be repeated.")
  private List<String> overrides = new ArrayList<>();

  @Option(names = "--container-id", required = true, description = "Which container of the job model to run.")
  private String containerId;

  @Option(names = "--endpoints-file", description = "Where to write the container's metrics endpoints once its"
      + " reporters have started (reporter=url lines), for the process runner.")
  private Path endpointsFile;

  @Option(names = "--status-url", description = "Where to post the container's reports (the runner's status page).")
  private String statusUrl;

  private final ContainerProcess process = new ContainerProcess();

  /** Used by picocli. */
  public ContainerMain() {}

  /**
   * Runs a container and exits the JVM with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    ContainerMain main = new ContainerMain();
    int code = new CommandLine(main).execute(args);
    if (!main.process.shuttingDown()) {
      System.exit(code); // Kafka client threads must not keep a finished container alive
    }
  }

  @Override
  public Integer call() {
    Config config;
    JobModel model;
    String job = "?";
    try {
      config = new ConfigLoader().load(configPath, overrides);
      JobConfig jobConfig = new JobConfig(config);
      job = jobConfig.getName() + "-" + jobConfig.getId();
      model = JobModels.readLatest(config);
      if (model.container(containerId).isEmpty()) {
        LOG.error("Job {}: the job model has no container '{}' (it has {})", job, containerId,
            model.containers().stream().map(c -> c.id()).toList());
        return 1;
      }
    } catch (ConfigException | IllegalStateException | IllegalArgumentException e) {
      LOG.error("Job {}: container {} cannot start: {}", job, containerId, e.getMessage());
      return 1;
    }

    ContainerHosts.record(config, List.of(containerId));
    String label = job;
    return process.run(config, model, containerId, job, "", (container, meters) -> {
      if (endpointsFile != null) {
        writeEndpoints(meters.endpoints(), label);
      }
      return statusUrl == null ? () -> { } : Reporter.start(new ReportClient(statusUrl),
          new MeterReports(meters.registry(), containerId, String.valueOf(ProcessHandle.current().pid()),
              MeterReports.firstUrl(meters.endpoints())), label, containerId, container::stop);
    });
  }

  private void writeEndpoints(List<MetricsEndpoint> endpoints, String job) {
    try {
      EndpointsFile.write(endpointsFile, endpoints);
    } catch (IOException e) {
      LOG.warn("Job {}: container {} cannot write its metrics endpoints to {}: {}", job, containerId, endpointsFile,
          e.toString());
    }
  }
}
