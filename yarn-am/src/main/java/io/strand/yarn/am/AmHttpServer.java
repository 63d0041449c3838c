package io.strand.yarn.am;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strand.container.model.JobModel;
import io.strand.container.model.JobModelJson;
import io.strand.container.status.StatusPage;
import io.strand.container.report.ContainerReport;
import io.strand.container.report.ReportReply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AM's HTTP server (JDK {@code HttpServer}, an ephemeral port on all interfaces):
 *
 * <ul>
 *   <li>{@code GET /}: the status page (HTML), the application's tracking URL;</li>
 *   <li>{@code GET /status.json}: the same data as JSON ({@link io.strand.container.status.JobView});</li>
 *   <li>{@code GET /job-model.json}: the job model containers run ({@link JobModelJson});</li>
 *   <li>{@code POST /report}: a container's {@link ContainerReport}; answers a {@link ReportReply};</li>
 *   <li>{@code POST /kill}: stops the job gracefully (kill-job.sh); answers 202.</li>
 * </ul>
 * Like Samza's AM web UI it has no authentication: keep the port inside the cluster's network.
 *
 * <p>Threading: requests are served by a small pool of daemon threads; handlers only read values
 * or call thread-safe methods.
 */
final class AmHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AmHttpServer.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;

  /**
   * Binds an ephemeral port; nothing is served before {@link #serve}.
   *
   * @throws IOException if no port can be bound
   */
  AmHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(0), 0);
  }

  /**
   * The bound port.
   *
   * @return the port
   */
  int port() {
    return server.getAddress().getPort();
  }

  /**
   * Registers the handlers and starts serving.
   *
   * @param model the job model
   * @param views makes the status view
   * @param supervisor receives reports
   * @param kill called with a reason on {@code POST /kill}
   */
  void serve(JobModel model, JobViews views, ContainerSupervisor supervisor, Consumer<String> kill) {
    String modelJson = JobModelJson.toJson(model);
    server.createContext("/job-model.json", ex -> respond(ex, "GET", 200, "application/json", modelJson));
    server.createContext("/status.json", ex -> respond(ex, "GET", 200, "application/json",
        MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(views.build(System.currentTimeMillis()))));
    server.createContext("/report", ex -> {
      if (!"POST".equals(ex.getRequestMethod())) {
        respond(ex, null, 405, "text/plain", "POST a report\n");
        return;
      }
      ContainerReport report;
      try (InputStream in = ex.getRequestBody()) {
        report = MAPPER.readValue(in, ContainerReport.class);
      } catch (IOException e) {
        respond(ex, null, 400, "text/plain", "bad report: " + e.getMessage() + "\n");
        return;
      }
      respond(ex, null, 200, "application/json",
          MAPPER.writeValueAsString(supervisor.onReport(report, System.currentTimeMillis())));
    });
    server.createContext("/kill", ex -> {
      if (!"POST".equals(ex.getRequestMethod())) {
        respond(ex, null, 405, "text/plain", "POST to stop the job\n");
        return;
      }
      kill.accept("kill requested over HTTP from " + ex.getRemoteAddress().getAddress().getHostAddress());
      respond(ex, null, 202, "text/plain", "stopping\n");
    });
    server.createContext("/", ex -> {
      if (!"/".equals(ex.getRequestURI().getPath())) {
        respond(ex, null, 404, "text/plain", "not found\n");
        return;
      }
      respond(ex, "GET", 200, "text/html; charset=utf-8", StatusPage.render(views.build(System.currentTimeMillis())));
    });
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "strand-am-http");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  private static void respond(HttpExchange ex, String method, int status, String type, String body) throws IOException {
    try (ex) {
      if (method != null && !method.equals(ex.getRequestMethod())) {
        status = 405;
        body = "use " + method + "\n";
        type = "text/plain";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", type);
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("HTTP {} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
      throw e;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
