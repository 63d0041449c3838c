package io.strand.container.runner;

import io.micrometer.core.instrument.MeterRegistry;
import io.strand.config.Config;
import io.strand.container.StreamContainer;
import io.strand.container.coordinator.JobModels;
import io.strand.container.metrics.MetricsRegistries;
import io.strand.container.model.JobModel;
import io.strand.container.progress.ContainerProgress;
import io.strand.container.progress.JobProgress;

/**
 * The local runner ({@code job.factory.class=io.strand.container.runner.ThreadJobFactory}, the
 * default): every container of the job runs as a thread of this JVM, each a
 * {@link StreamContainer} with its own metrics registry. For development, the README demo and
 * tests. A failed container fails the job; nothing is restarted.
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
    return new ThreadJob(model, id -> new ContainerAdapter(config, model, id));
  }

  /** Runs one {@link StreamContainer}, reads its progress from its meters, and closes its registry after it ends. */
  private static final class ContainerAdapter implements RunnableContainer {
    private final MeterRegistry registry;
    private final ContainerProgress progress;
    private final StreamContainer container;

    ContainerAdapter(Config config, JobModel model, String id) {
      this.registry = MetricsRegistries.create(model.jobName(), id);
      this.progress = new ContainerProgress(registry);
      this.container = new StreamContainer(config, model, id, registry);
    }

    @Override
    public JobProgress progress() {
      return progress.read();
    }

    @Override
    public void run() {
      try {
        container.run();
      } finally {
        registry.close();
      }
    }

    @Override
    public void stop() {
      container.stop();
    }
  }
}
