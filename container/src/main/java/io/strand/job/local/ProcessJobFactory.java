package io.strand.job.local;

import io.strand.config.Config;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.StreamJobFactory;

/**
 * The name a ported Samza properties file gives the process runner
 * ({@code job.factory.class=io.strand.job.local.ProcessJobFactory}, Samza's
 * {@code org.apache.samza.job.local.ProcessJobFactory}): a thin alias of
 * {@link io.strand.container.runner.ProcessJobFactory} (one JVM per container on this host), which it delegates to.
 *
 * <p>Threading: stateless.
 */
public final class ProcessJobFactory implements StreamJobFactory {

  private final StreamJobFactory runner = new io.strand.container.runner.ProcessJobFactory();

  /** Creates the factory; {@code run-job} does so by class name. */
  public ProcessJobFactory() {}

  @Override
  public StreamJob getJob(Config config) {
    return runner.getJob(config);
  }
}
