package io.strand.container.runner;

import io.strand.config.Config;
import io.strand.container.assembly.StreamContainer;
import io.strand.container.coordinator.JobModels;
import io.strand.container.input.BadMessagePolicy;
import io.strand.container.metrics.BadInputCounts;
import io.strand.container.job.JobIdentity;
import io.strand.container.model.JobModel;
import io.strand.container.progress.ContainerProgress;
import io.strand.container.progress.JobProgress;
import io.strand.container.report.ContainerReport;
import io.strand.container.report.MeterReports;
import io.strand.container.status.StatusSettings;
import io.strand.metrics.reporter.ContainerMeters;
import io.strand.metrics.reporter.MetricsEndpoint;
import io.strand.metrics.reporter.ReporterContext;
import java.util.List;
import java.util.Optional;

/**
 * The local runner ({@code job.factory.class=io.strand.container.runner.ThreadJobFactory}, the
 * default): every container of the job runs as a thread of this JVM, each a
 * {@link StreamContainer} with its own metrics registry and reporters ({@link ContainerMeters}). For development, the README demo and
 * tests. A failed container fails the job; nothing is restarted. The undeserializable input the
 * containers skipped or dead-lettered is summed up in one line at the end of the job (see
 * {@link ThreadJob}); each container's own line is at DEBUG. With {@code strand.status.http.port}
 * set (0 for an ephemeral port) the job serves a status page on the loopback interface while it
 * runs, its URL in one INFO line; unset, none (the console has the progress line).
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class ThreadJobFactory implements StreamJobFactory {

  /** Creates the factory (reflectively, from configuration). */
  public ThreadJobFactory() {}

  @Override
  public StreamJob getJob(Config config) {
    JobModel model = JobModels.compute(config);
    ContainerHosts.recordThisHost(config, model);
    return new ThreadJob(model, BadMessagePolicy.fromConfig(config), StatusSettings.fromConfig(config, false),
        id -> new ContainerAdapter(config, model, id));
  }

  /**
   * Runs one {@link StreamContainer}, reads its progress and bad-input counts from its meters, and closes its
   * reporters and registry after it ends.
   */
  private static final class ContainerAdapter implements RunnableContainer {
    private final ContainerMeters meters;
    private final ContainerProgress progress;
    private final MeterReports reports;
    private final StreamContainer container;

    ContainerAdapter(Config config, JobModel model, String id) {
      this.meters = ContainerMeters.start(config, new ReporterContext(new JobIdentity(model.jobName(), model.jobId()),
          id, ContainerHosts.hostName(), ""));
      this.progress = new ContainerProgress(meters.registry());
      this.reports = new MeterReports(meters.registry(), id, "", MeterReports.firstUrl(meters.endpoints()));
      // The job logs the one summary of skipped and dead-lettered input (ThreadJob); the container's own at DEBUG.
      this.container = new StreamContainer(config, model, id, meters.registry(), true);
    }

    @Override
    public List<MetricsEndpoint> metricsEndpoints() {
      return meters.endpoints();
    }

    @Override
    public JobProgress progress() {
      return progress.read();
    }

    @Override
    public BadInputCounts badInput() {
      return progress.badInput();
    }

    @Override
    public Optional<ContainerReport> report(long nowMs) {
      return Optional.of(reports.build(nowMs));
    }

    @Override
    public void run() {
      try {
        container.run();
      } finally {
        meters.close();
      }
    }

    @Override
    public void stop() {
      container.stop();
    }
  }
}
