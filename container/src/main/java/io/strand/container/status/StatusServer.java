package io.strand.container.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.strand.container.http.HttpServers;
import io.strand.container.report.ContainerReport;
import io.strand.container.report.ReportReply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page's HTTP server (JDK {@code HttpServer}), shared by the runners and the YARN
 * application master:
 *
 * <ul>
 *   <li>{@code GET /}: the status page (HTML; {@code ?refresh=0} turns its 5 s reload off);</li>
 *   <li>{@code GET /status.json}: the same data as JSON ({@link JobView});</li>
 *   <li>{@code GET /static/...}: the page's script and uPlot, from the jar (no CDN);</li>
 *   <li>{@code POST /report}: a container's {@link ContainerReport}, answered by a
 *       {@link ReportReply} (when the runner takes reports over HTTP);</li>
 *   <li>{@code GET /logs/<container id>}: the last {@value #LOG_TAIL_BYTES} bytes of a container's
 *       log (when the runner has log files);</li>
 *   <li>whatever the runner adds with {@link #handle} before {@link #start}.</li>
 * </ul>
 * There is no authentication, as on Samza's AM web UI: local runners bind the loopback interface
 * only; keep an AM's port inside the cluster's network.
 *
 * <p>Threading: requests are served by a small pool of daemon threads ({@code strand-status-http});
 * handlers only read values or call thread-safe methods.
 */
public final class StatusServer implements AutoCloseable {

  /** How much of the end of a log file {@code /logs/<id>} serves, in bytes. */
  public static final int LOG_TAIL_BYTES = 256 * 1024;
  /** The uPlot WebJar's version, read from its jar. */
  static final String UPLOT_VERSION = webjarVersion("uplot");

  private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, String[]> STATIC = Map.of(
      "uPlot.iife.min.js", new String[] {"META-INF/resources/webjars/uplot/" + UPLOT_VERSION
          + "/dist/uPlot.iife.min.js", "text/javascript; charset=utf-8"},
      "uPlot.min.css", new String[] {"META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/uPlot.min.css",
          "text/css; charset=utf-8"},
      "status.js", new String[] {"io/strand/container/status/status.js", "text/javascript; charset=utf-8"},
      "status.css", new String[] {"io/strand/container/status/status.css", "text/css; charset=utf-8"});

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "strand-status-http");
    t.setDaemon(true);
    return t;
  });

  private StatusServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Binds a port on the loopback interface (local runners).
   *
   * @param port the port, 0 for an ephemeral one
   * @return the server, not yet serving
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static StatusServer onLoopback(int port) {
    return bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
  }

  /**
   * Binds a port on every interface (the YARN application master).
   *
   * @param port the port, 0 for an ephemeral one
   * @return the server, not yet serving
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static StatusServer onAllInterfaces(int port) {
    return bind(new InetSocketAddress(port));
  }

  private static StatusServer bind(InetSocketAddress address) {
    try {
      return new StatusServer(HttpServers.create(address));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the status page on port " + address.getPort() + " (set "
          + StatusSettings.PORT + " to a free port, 0 for any): " + e.getMessage(), e);
    }
  }

  /**
   * The bound port.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The page's URL on this host.
   *
   * @param host the host name to put in it
   * @return {@code http://<host>:<port>/}
   */
  public String url(String host) {
    return "http://" + host + ":" + port() + "/";
  }

  /**
   * Adds a handler; call before {@link #start}.
   *
   * @param path the path prefix
   * @param handler answers the requests; may use {@link #respond}
   */
  public void handle(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  /**
   * Registers the page's handlers and starts serving.
   *
   * @param board makes the views
   * @param reports takes a report and answers it; null when the runner takes none over HTTP
   * @param logs the log file of a container id, if it has one; null when the runner has none
   */
  public void start(StatusBoard board, Function<ContainerReport, ReportReply> reports,
      Function<String, Optional<Path>> logs) {
    server.createContext("/status.json", ex -> respond(ex, "GET", 200, "application/json",
        MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(board.view(System.currentTimeMillis()))));
    server.createContext("/static/", ex -> {
      String[] entry = STATIC.get(ex.getRequestURI().getPath().substring("/static/".length()));
      byte[] bytes = entry == null ? null : resource(entry[0]);
      if (bytes == null) {
        respond(ex, null, 404, "text/plain", "not found\n");
      } else {
        respond(ex, "GET", 200, entry[1], bytes, "max-age=3600");
      }
    });
    if (reports != null) {
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
        respond(ex, null, 200, "application/json", MAPPER.writeValueAsString(reports.apply(report)));
      });
    }
    if (logs != null) {
      server.createContext("/logs/", ex -> {
        String id = ex.getRequestURI().getPath().substring("/logs/".length());
        Optional<Path> file = board.model().container(id).isPresent() ? logs.apply(id) : Optional.empty();
        if (file.isEmpty() || !Files.isReadable(file.get())) {
          respond(ex, null, 404, "text/plain", "no log for container '" + id + "'\n");
        } else {
          respond(ex, "GET", 200, "text/plain; charset=utf-8", tail(file.get()), "no-store");
        }
      });
    }
    server.createContext("/", ex -> {
      if (!"/".equals(ex.getRequestURI().getPath())) {
        respond(ex, null, 404, "text/plain", "not found\n");
        return;
      }
      String query = ex.getRequestURI().getQuery();
      boolean refresh = query == null || !query.contains("refresh=0");
      respond(ex, "GET", 200, "text/html; charset=utf-8",
          StatusPage.render(board.view(System.currentTimeMillis()), refresh));
    });
    server.setExecutor(pool);
    server.start();
  }

  private static byte[] tail(Path file) throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long from = Math.max(0, length - LOG_TAIL_BYTES);
      byte[] bytes = new byte[(int) (length - from)];
      in.seek(from);
      in.readFully(bytes);
      return bytes;
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = StatusServer.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  private static String webjarVersion(String artifact) {
    String pom = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
    try (InputStream in = StatusServer.class.getClassLoader().getResourceAsStream(pom)) {
      if (in == null) {
        return "missing";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "missing");
    } catch (IOException e) {
      return "missing";
    }
  }

  /**
   * Answers a request with text, never cached.
   *
   * @param ex the exchange, closed afterwards
   * @param method the method the path takes, or null for any; another gets 405
   * @param status the HTTP status
   * @param type the content type
   * @param body the body
   * @throws IOException if the answer cannot be written
   */
  public static void respond(HttpExchange ex, String method, int status, String type, String body)
      throws IOException {
    respond(ex, method, status, type, body.getBytes(StandardCharsets.UTF_8), "no-store");
  }

  private static void respond(HttpExchange ex, String method, int status, String type, byte[] body,
      String cacheControl) throws IOException {
    try (ex) {
      if (method != null && !method.equals(ex.getRequestMethod())) {
        status = 405;
        body = ("use " + method + "\n").getBytes(StandardCharsets.UTF_8);
        type = "text/plain";
      }
      ex.getResponseHeaders().set("Content-Type", type);
      ex.getResponseHeaders().set("Cache-Control", cacheControl);
      ex.sendResponseHeaders(status, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("HTTP {} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
      throw e;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
