/**
 * Metrics reporters, as Samza's {@code metrics.reporters} / {@code metrics.reporter.<name>.class}:
 * where a container's meters (the built-in ones in {@link io.strand.container.metrics.MeterNames}
 * and the job's own, {@link io.strand.metrics}) are published. A reporter is made by a
 * {@link io.strand.metrics.reporter.MetricsReporterFactory}; the built-in factories are
 * {@link io.strand.metrics.reporter.JmxReporterFactory} (the default),
 * {@link io.strand.metrics.reporter.PrometheusReporterFactory} (a {@code /metrics} scrape endpoint per
 * container) and {@link io.strand.metrics.reporter.MetricsSnapshotReporterFactory} (Samza's JSON
 * metrics snapshot stream). {@link io.strand.metrics.reporter.ContainerMeters} starts a container's
 * reporters and gives the container the registry they publish; {@link io.strand.metrics.reporter.MetricsReporterCheck}
 * validates the settings before a job starts.
 */
package io.strand.metrics.reporter;
