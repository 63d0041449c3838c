package io.strand.yarn.am;

import io.strand.container.model.JobModel;
import io.strand.container.model.JobModelJson;
import io.strand.container.report.ReportReply;
import io.strand.container.status.StatusBoard;
import io.strand.container.status.StatusServer;
import java.util.function.Consumer;

/**
 * The AM's HTTP server: the container module's {@link StatusServer} (status page at {@code /},
 * the application's tracking URL; {@code /status.json}; {@code POST /report} for the containers'
 * reports, answered by a {@link ReportReply} that carries the stop request) on every interface,
 * plus:
 *
 * <ul>
 *   <li>{@code GET /job-model.json}: the job model containers run ({@link JobModelJson});</li>
 *   <li>{@code POST /kill}: stops the job gracefully (kill-job.sh); answers 202.</li>
 * </ul>
 * Like Samza's AM web UI it has no authentication: keep the port inside the cluster's network.
 *
 * <p>Threading: requests are served by the status server's small pool of daemon threads; handlers
 * only read values or call thread-safe methods.
 */
final class AmHttpServer implements AutoCloseable {

  private final StatusServer server;

  /**
   * Binds the port; nothing is served before {@link #serve}.
   *
   * @param port the port, 0 for an ephemeral one
   * @throws java.io.UncheckedIOException if the port cannot be bound
   */
  AmHttpServer(int port) {
    server = StatusServer.onAllInterfaces(port);
  }

  /**
   * The bound port.
   *
   * @return the port
   */
  int port() {
    return server.port();
  }

  /**
   * Registers the handlers and starts serving.
   *
   * @param model the job model
   * @param board makes the status view and records reports
   * @param supervisor answers reports
   * @param kill called with a reason on {@code POST /kill}
   */
  void serve(JobModel model, StatusBoard board, ContainerSupervisor supervisor, Consumer<String> kill) {
    String modelJson = JobModelJson.toJson(model);
    server.handle("/job-model.json", ex -> StatusServer.respond(ex, "GET", 200, "application/json", modelJson));
    server.handle("/kill", ex -> {
      if (!"POST".equals(ex.getRequestMethod())) {
        StatusServer.respond(ex, null, 405, "text/plain", "POST to stop the job\n");
        return;
      }
      kill.accept("kill requested over HTTP from " + ex.getRemoteAddress().getAddress().getHostAddress());
      StatusServer.respond(ex, null, 202, "text/plain", "stopping\n");
    });
    server.start(board, report -> {
      long now = System.currentTimeMillis();
      board.accept(report, now); // only a report of a container's current YARN container counts
      return supervisor.onReport(report, now);
    }, null);
  }

  @Override
  public void close() {
    server.close();
  }
}
