package io.strand.metrics.reporter;

import io.strand.config.Config;

/**
 * The Prometheus reporter
 * ({@code metrics.reporter.<name>.class=io.strand.metrics.reporter.PrometheusReporterFactory}): each
 * container serves its meters at {@code http://<host>:<port>/metrics} in Prometheus' text format
 * (0.0.4), for a Prometheus server to scrape. Settings ({@link PrometheusReporterSettings}):
 * {@code metrics.reporter.<name>.port} (0, the default, picks a free port: the one right for
 * several containers on one host) and {@code metrics.reporter.<name>.host}. The URL is logged in
 * one INFO line when the container starts, printed by the process runner and reported to the
 * YARN application master, whose status page links it.
 *
 * <p>Meter names follow Prometheus' conventions (Micrometer's): dots become underscores, counters
 * end in {@code _total}, timers are in seconds ({@code _seconds_count}, {@code _seconds_sum},
 * {@code _seconds_max}); every tag is a label ({@code job}, {@code container}, {@code task}, ...).
 *
 * <p>Threading: stateless.
 */
public final class PrometheusReporterFactory implements MetricsReporterFactory {

  /** Creates the factory (reflectively, from configuration). */
  public PrometheusReporterFactory() {}

  @Override
  public void check(String name, Config config) {
    PrometheusReporterSettings.fromConfig(name, config);
  }

  @Override
  public MetricsReporter getMetricsReporter(String name, ReporterContext context, Config config) {
    return new PrometheusReporter(name, context, PrometheusReporterSettings.fromConfig(name, config), config);
  }
}
