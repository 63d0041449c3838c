package io.strand.metrics.reporter;

import io.strand.config.Config;

/**
 * The metrics snapshot reporter
 * ({@code metrics.reporter.<name>.class=io.strand.metrics.reporter.MetricsSnapshotReporterFactory},
 * Samza's {@code MetricsSnapshotReporterFactory}): every {@code metrics.reporter.<name>.interval}
 * seconds (default 60), and once more when the container stops, each container writes a JSON
 * snapshot of its meters to the Kafka stream {@code metrics.reporter.<name>.stream}
 * ({@code <system>.<topic>}; the topic is created as an output if missing). One record per source:
 * the container ({@value MetricsSnapshots#CONTAINER_SOURCE}) and each task ({@code TaskName-<task>}).
 * See {@link MetricsSnapshots} for the format, Samza's: a header (job, container, host, times,
 * version) and the meters grouped by group and name. {@code metrics.reporter.<name>.blacklist}
 * (Samza's key) is a Java regex of the meters not to send, matched as a whole against
 * {@code <group>.<name>} as the snapshot writes them (see {@link MetricsSnapshots#blacklisted}); it is
 * checked when the job is validated. As in Samza it applies to this reporter only: JMX and
 * Prometheus publish every meter.
 *
 * <p>Reporting is best effort: a snapshot that cannot be written is logged at WARN (once until a
 * write succeeds again) and never stops the container. The values are written as JSON by the
 * reporter itself: the stream's serde settings do not apply.
 *
 * <p>Threading: stateless.
 */
public final class MetricsSnapshotReporterFactory implements MetricsReporterFactory {

  /** Creates the factory (reflectively, from configuration). */
  public MetricsSnapshotReporterFactory() {}

  @Override
  public void check(String name, Config config) {
    MetricsSnapshotSettings.fromConfig(name, config);
  }

  @Override
  public MetricsReporter getMetricsReporter(String name, ReporterContext context, Config config) {
    return new MetricsSnapshotReporter(name, context, MetricsSnapshotSettings.fromConfig(name, config), config);
  }
}
