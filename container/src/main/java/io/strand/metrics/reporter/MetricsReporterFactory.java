package io.strand.metrics.reporter;

import io.strand.config.Config;

/**
 * Makes the metrics reporter named {@code <name>} in {@code metrics.reporters}; the class is named by
 * {@code metrics.reporter.<name>.class} and needs a public no-argument constructor (Samza's
 * {@code MetricsReporterFactory}). One reporter is made per container.
 *
 * <p>Threading: a factory may be called from several containers' threads at once (the thread
 * runner); it should be stateless.
 */
public interface MetricsReporterFactory {

  /**
   * Checks this reporter's own settings ({@code metrics.reporter.<name>.*}) without creating or
   * connecting to anything: called when the job is validated, before it starts, so a bad setting
   * is reported with the job's other problems. The default accepts anything.
   *
   * @param name the reporter's name in {@code metrics.reporters}
   * @param config the whole job config
   * @throws io.strand.config.ConfigException naming the key, its file and the expected value
   */
  default void check(String name, Config config) {}

  /**
   * Makes one container's reporter; it starts reporting at {@link MetricsReporter#start}.
   *
   * @param name the reporter's name in {@code metrics.reporters}
   * @param context which job and container the reporter reports for
   * @param config the whole job config
   * @return the reporter, owned by the container
   * @throws io.strand.config.ConfigException on a bad setting of this reporter
   */
  MetricsReporter getMetricsReporter(String name, ReporterContext context, Config config);
}
