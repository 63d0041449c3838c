package io.strand.metrics.reporter;

import io.micrometer.core.instrument.MeterRegistry;
import io.strand.config.Config;
import io.strand.container.metrics.MetricsRegistries;
import java.util.Optional;

/**
 * The JMX reporter ({@code metrics.reporter.<name>.class=io.strand.metrics.reporter.JmxReporterFactory},
 * Samza's {@code JmxReporterFactory}; the default reporter): every meter of the container is an MBean
 * of the platform MBean server, domain {@code strand}, named from the meter's name and tags (see
 * {@link MetricsRegistries}). It has no settings of its own. Connect with any JMX client
 * (JConsole, VisualVM, a JMX exporter) to the container's JVM.
 *
 * <p>Threading: stateless.
 */
public final class JmxReporterFactory implements MetricsReporterFactory {

  /** Creates the factory (reflectively, from configuration). */
  public JmxReporterFactory() {}

  @Override
  public MetricsReporter getMetricsReporter(String name, ReporterContext context, Config config) {
    MeterRegistry registry = MetricsRegistries.create(context.job().name(), context.containerId());
    return new MetricsReporter() {
      @Override
      public Optional<MeterRegistry> registry() {
        return Optional.of(registry);
      }

      @Override
      public void start(MeterRegistry meters) {
        // The MBeans appear as the meters are registered in this reporter's registry.
      }

      @Override
      public void close() {
        // ContainerMeters closes the registry, which unregisters the MBeans.
      }
    };
  }
}
