package io.strand.metrics.reporter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.container.job.JobIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container's meter registry and its metrics reporters ({@link MetricsReporterSettings}): what a
 * runner makes before the container and closes after it.
 *
 * <p>The registry the container registers its meters in is the one registry of the reporters when
 * exactly one publishes through a registry (the default, JMX: no cost over a plain JMX registry), a
 * Micrometer composite of theirs when several do, and a {@link SimpleMeterRegistry} when none does
 * (only the snapshot reporter, or no reporter): the meters are always readable, for the runners'
 * progress lines, the YARN reports and the snapshot reporter.
 *
 * <p>{@link #close()} closes the reporters (the snapshot reporter sends its last snapshot), then the
 * registries (JMX MBeans are unregistered).
 *
 * <p>Threading: {@link #start} and {@link #close()} from the launcher's thread; {@link #registry()} and
 * {@link #endpoints()} from any thread.
 */
public final class ContainerMeters implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerMeters.class);

  private final ReporterContext context;
  private final List<Named> reporters;
  private final List<MeterRegistry> registries;
  private final MeterRegistry registry;

  private record Named(String name, MetricsReporter reporter) {}

  private ContainerMeters(ReporterContext context, List<Named> reporters, List<MeterRegistry> registries,
      MeterRegistry registry) {
    this.context = context;
    this.reporters = reporters;
    this.registries = registries;
    this.registry = registry;
  }

  /**
   * Makes and starts the reporters of one container.
   *
   * @param config the whole job config
   * @param context which job and container
   * @return the container's meters, reporting
   * @throws ConfigException naming the key when a reporter's settings are bad or it cannot start (a
   *     port in use); whatever was started is stopped again
   */
  public static ContainerMeters start(Config config, ReporterContext context) {
    MetricsReporterSettings settings = MetricsReporterSettings.fromConfig(config);
    List<Named> made = new ArrayList<>();
    List<MeterRegistry> registries = new ArrayList<>();
    MeterRegistry registry = null;
    try {
      for (MetricsReporterSettings.Reporter r : settings.reporters()) {
        MetricsReporterFactory factory = config.instantiate(r.classKey(), r.factory());
        MetricsReporter reporter = factory.getMetricsReporter(r.name(), context, config);
        made.add(new Named(r.name(), reporter));
        reporter.registry().ifPresent(registries::add);
      }
      if (registries.size() == 1) {
        registry = registries.get(0);
      } else if (registries.isEmpty()) {
        registry = new SimpleMeterRegistry();
        registries.add(registry);
      } else {
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        registries.forEach(composite::add);
        registry = composite;
        registries.add(0, composite); // closed first, before its children
      }
      for (Named n : made) {
        n.reporter().start(registry);
      }
    } catch (RuntimeException e) {
      new ContainerMeters(context, made, registries, registry).close();
      throw e;
    }
    LOG.debug("{}: metrics reporters {}", context.label(), made.stream().map(Named::name).toList());
    return new ContainerMeters(context, List.copyOf(made), List.copyOf(registries), registry);
  }

  /**
   * The registry the container and its tasks register their meters in.
   *
   * @return the registry
   */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Where this container's reporters can be read over HTTP (its Prometheus endpoints).
   *
   * @return the endpoints, in the order the reporters are listed; empty when none serves HTTP
   */
  public List<MetricsEndpoint> endpoints() {
    List<MetricsEndpoint> endpoints = new ArrayList<>();
    for (Named n : reporters) {
      Optional<java.net.URI> url = n.reporter().endpoint();
      url.ifPresent(u -> endpoints.add(new MetricsEndpoint(context.containerId(), n.name(), u)));
    }
    return endpoints;
  }

  /** Closes the reporters, then the registries; failures are logged, never thrown. */
  @Override
  public void close() {
    for (Named n : reporters) {
      try {
        n.reporter().close();
      } catch (RuntimeException e) {
        LOG.warn("{}: closing metrics reporter '{}' failed: {}", context.label(), n.name(), e.toString());
      }
    }
    for (MeterRegistry r : registries) {
      if (!r.isClosed()) {
        r.close();
      }
    }
  }
}
