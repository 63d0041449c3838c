package io.strand.metrics.reporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strand.config.Config;
import io.strand.container.http.HttpServers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container's Prometheus endpoint (see {@link PrometheusReporterFactory}): a Micrometer
 * Prometheus registry, scraped on each {@code GET /metrics} by the JDK's HTTP server.
 *
 * <p>Threading: {@link #start} and {@link #close()} from the launcher's thread; requests are
 * answered on one daemon thread of its own; the registry is thread-safe.
 */
final class PrometheusReporter implements MetricsReporter {

  /** The content type of Prometheus' text format, which {@link PrometheusMeterRegistry#scrape()} writes. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(PrometheusReporter.class);

  private final String name;
  private final ReporterContext context;
  private final PrometheusReporterSettings settings;
  private final Config config;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private HttpServer server;
  private ExecutorService executor;
  private URI endpoint;

  PrometheusReporter(String name, ReporterContext context, PrometheusReporterSettings settings, Config config) {
    this.name = name;
    this.context = context;
    this.settings = settings;
    this.config = config;
  }

  @Override
  public Optional<MeterRegistry> registry() {
    return Optional.of(registry);
  }

  @Override
  public synchronized void start(MeterRegistry meters) {
    InetSocketAddress address = settings.host().isEmpty() ? new InetSocketAddress(settings.port())
        : new InetSocketAddress(settings.host(), settings.port());
    try {
      server = HttpServers.create(address);
    } catch (IOException e) {
      String key = MetricsReporterSettings.key(name, PrometheusReporterSettings.PORT);
      throw config.problem(key, "reporter '" + name + "' cannot listen on " + (settings.host().isEmpty() ? "port "
          + settings.port() : settings.host() + ":" + settings.port()) + ": " + e.getMessage()
          + "; expected a free port, or 0 to pick one");
    }
    server.createContext("/metrics", this::scrape);
    executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "strand-container-" + context.containerId() + "-prometheus");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.start();
    String host = settings.host().isEmpty() ? context.host() : settings.host();
    endpoint = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + server.getAddress().getPort() + "/metrics");
    LOG.info("{}: Prometheus metrics at {} (reporter '{}')", context.label(), endpoint, name);
  }

  private void scrape(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public synchronized Optional<URI> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
      endpoint = null;
    }
  }
}
