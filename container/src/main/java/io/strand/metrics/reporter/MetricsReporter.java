package io.strand.metrics.reporter;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.Optional;

/**
 * One container's metrics reporter. A reporter publishes in one of two ways: through a Micrometer
 * registry of its own ({@link #registry()}: JMX, Prometheus), which the container's meters are
 * registered in; or by reading the container's meters when it reports (the snapshot reporter).
 *
 * <p>Lifecycle: made by its {@link MetricsReporterFactory}; {@link #registry()} is asked once, before
 * any meter exists; {@link #start} once the container's registry is made; {@link #close()} once the
 * container has ended. The registry a reporter hands out is closed by {@link ContainerMeters} after
 * every reporter has closed.
 *
 * <p>Threading: {@link #start} and {@link #close()} are called from the container's launcher thread;
 * a reporter may run threads of its own in between, which must end by {@link #close()}.
 */
public interface MetricsReporter extends AutoCloseable {

  /**
   * The registry through which this reporter publishes the container's meters.
   *
   * @return the registry, or empty (the default) when the reporter reads the container's meters
   *     itself
   */
  default Optional<MeterRegistry> registry() {
    return Optional.empty();
  }

  /**
   * Starts reporting.
   *
   * @param meters the container's registry, holding every meter of the container and its tasks
   * @throws io.strand.config.ConfigException or another {@link RuntimeException} when the reporter
   *     cannot start (a port in use), which fails the container's start
   */
  void start(MeterRegistry meters);

  /**
   * Where this reporter can be read over HTTP, for the runners to print and the status page to link.
   *
   * @return the URL from start to close, or empty (the default) when the reporter serves nothing
   */
  default Optional<URI> endpoint() {
    return Optional.empty();
  }

  /**
   * Stops reporting, after one last report where the reporter reports periodically. Never throws:
   * a failure is logged.
   */
  @Override
  void close();
}
