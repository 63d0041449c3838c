package io.strand.job.yarn;

import io.strand.config.Config;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.StreamJobFactory;

/**
 * The name a ported Samza properties file gives the YARN runner
 * ({@code job.factory.class=io.strand.job.yarn.YarnJobFactory}, Samza's
 * {@code org.apache.samza.job.yarn.YarnJobFactory}): a thin alias of
 * {@link io.strand.yarn.YarnJobFactory}, which it delegates to; {@code run-job} treats both names
 * alike.
 *
 * <p>Threading: stateless.
 */
public final class YarnJobFactory implements StreamJobFactory {

  private final io.strand.yarn.YarnJobFactory runner = new io.strand.yarn.YarnJobFactory();

  /** Creates the factory; {@code run-job} does so by class name. */
  public YarnJobFactory() {}

  @Override
  public StreamJob getJob(Config config) {
    return runner.getJob(config);
  }
}
