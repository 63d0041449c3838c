package io.strand.job.local;

import io.strand.config.Config;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.StreamJobFactory;

/**
 * The name a ported Samza properties file gives the thread runner
 * ({@code job.factory.class=io.strand.job.local.ThreadJobFactory}, Samza's
 * {@code org.apache.samza.job.local.ThreadJobFactory}): a thin alias of
 * {@link io.strand.container.runner.ThreadJobFactory} (every container a thread of this JVM), which it delegates to.
 *
 * <p>Threading: stateless.
 */
public final class ThreadJobFactory implements StreamJobFactory {

  private final StreamJobFactory runner = new io.strand.container.runner.ThreadJobFactory();

  /** Creates the factory; {@code run-job} does so by class name. */
  public ThreadJobFactory() {}

  @Override
  public StreamJob getJob(Config config) {
    return runner.getJob(config);
  }
}
