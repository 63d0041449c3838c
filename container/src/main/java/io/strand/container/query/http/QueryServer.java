package io.strand.container.query.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strand.container.http.HttpServers;
import io.strand.container.query.JobStores;
import io.strand.container.query.KeyLocation;
import io.strand.container.query.StoreFormat;
import io.strand.storage.query.KeyNotLocalException;
import io.strand.storage.query.StoreUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container's query endpoint (JDK {@code HttpServer}); every answer is JSON:
 *
 * <ul>
 *   <li>{@code GET /stores}: {@code {"container","containersInThisJvm","stores"}};</li>
 *   <li>{@code GET /stores/<store>/keys/<key>}: {@code {"store","key","value","task","partition",
 *       "container"}}, 404 when the key is absent;</li>
 *   <li>{@code GET /stores/<store>/range?from=<key>&to=<key>&limit=<n>}: the entries with keys in
 *       {@code [from, to)} (serialized, unsigned byte order; either bound may be left out) of the
 *       tasks in this JVM, {@code {"store","entries":[{"key","value","task"}],"truncated"}};
 *       {@code limit} defaults to {@value #DEFAULT_LIMIT};</li>
 *   <li>{@code GET /stores/<store>/all?limit=<n>}: the same for every entry;</li>
 *   <li>{@code GET /stores/<store>/keys/<key>/windows?from=<ms>&to=<ms>}: a window store's windows
 *       of the key starting in {@code [from, to]} (default: all),
 *       {@code {"store","key","task","windows":[{"start","end","value"}]}};</li>
 *   <li>{@code GET /stores/<store>/windows?from=<ms>&to=<ms>&limit=<n>}: every key's windows.</li>
 * </ul>
 * Keys in paths and parameters, and keys and values in answers, are read and written through the
 * store's serdes ({@link JsonValues}; {@code ?encoding=base64} for serialized keys). A key owned by a
 * task outside this JVM is answered 421 with {@code {"error","task","container","url"}} (the owner's
 * endpoint, when it published one); a store not served here (unknown, restoring, stopped) 503;
 * a malformed request 400. No authentication, as the status page: bind
 * {@code strand.query.http.host} to an interface inside the cluster's network.
 *
 * <p>Threading: requests are served by a small pool of daemon threads ({@code strand-query-http});
 * reads go through {@link JobStores}, which is thread-safe.
 */
public final class QueryServer implements AutoCloseable {

  /** The most entries a range, all or windows answer holds unless {@code limit} says otherwise. */
  public static final int DEFAULT_LIMIT = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "strand-query-http");
    t.setDaemon(true);
    return t;
  });
  private final String containerId;
  private final Supplier<JobStores> stores;
  private final Supplier<Map<String, String>> ownerUrls;

  /**
   * Binds the port; {@link #start} serves.
   *
   * @param address where to listen (port 0 for an ephemeral one)
   * @param containerId the container serving
   * @param stores the job's stores in this JVM
   * @param ownerUrls the published endpoints' URLs by container id, for 421 answers (read when needed)
   * @throws UncheckedIOException if the port cannot be bound
   */
  public QueryServer(InetSocketAddress address, String containerId, Supplier<JobStores> stores,
      Supplier<Map<String, String>> ownerUrls) {
    try {
      this.server = HttpServers.create(address);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve queries on " + address + " (set strand.query.http.port to a free"
          + " port, 0 for any): " + e.getMessage(), e);
    }
    this.containerId = containerId;
    this.stores = stores;
    this.ownerUrls = ownerUrls;
  }

  /**
   * The bound port.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Starts serving. */
  public void start() {
    server.createContext("/stores", this::handle);
    server.createContext("/", ex -> respond(ex, 404, error("not found: use /stores")));
    server.setExecutor(pool);
    server.start();
  }

  private void handle(HttpExchange ex) throws IOException {
    if (!"GET".equals(ex.getRequestMethod())) {
      respond(ex, 405, error("use GET"));
      return;
    }
    try {
      respond(ex, 200, answer(ex));
    } catch (NotFound e) {
      respond(ex, 404, e.body);
    } catch (KeyNotLocalException e) {
      ObjectNode body = error(e.getMessage());
      body.put("task", e.taskName());
      body.put("container", e.containerId());
      String url = ownerUrls.get().get(e.containerId());
      if (url != null) {
        body.put("url", url);
      }
      respond(ex, 421, body);
    } catch (StoreUnavailableException e) {
      respond(ex, 503, error(e.getMessage()));
    } catch (IllegalArgumentException e) {
      respond(ex, 400, error(e.getMessage()));
    } catch (RuntimeException e) {
      LOG.warn("Query {} failed: {}", ex.getRequestURI(), e.toString());
      respond(ex, 500, error(e.toString()));
    }
  }

  private ObjectNode answer(HttpExchange ex) {
    List<String> path = segments(ex.getRequestURI().getRawPath());
    Map<String, String> params = params(ex.getRequestURI().getRawQuery());
    JobStores job = stores.get();
    if (path.size() == 1) {
      ObjectNode body = JsonValues.MAPPER.createObjectNode();
      body.put("container", containerId);
      job.containerIds().forEach(body.putArray("containersInThisJvm")::add);
      job.storeNames().forEach(body.putArray("stores")::add);
      return body;
    }
    String store = path.get(1);
    StoreFormat format = job.format(store);
    boolean base64 = "base64".equals(params.get("encoding"));
    int limit = params.containsKey("limit") ? Integer.parseInt(params.get("limit")) : DEFAULT_LIMIT;
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be at least 0, got " + limit);
    }
    ObjectNode body = JsonValues.MAPPER.createObjectNode();
    body.put("store", store);
    body.put("container", containerId);
    if (path.size() >= 4 && path.get(2).equals("keys")) {
      byte[] key = JsonValues.keyBytes(path.get(3), base64, format.keySerde());
      body.set("key", JsonValues.render(key, format.keySerde()));
      if (path.size() == 4) {
        KeyLocation at = job.locate(store, key);
        body.put("task", at.task().getTaskName());
        body.put("partition", at.partition());
        JobStores.Found found = job.get(store, key).orElseThrow(() -> new NotFound(body));
        body.set("value", JsonValues.render(found.value(), format.valueSerde()));
        return body;
      }
      if (path.size() == 5 && path.get(4).equals("windows")) {
        List<JobStores.Found> windows = job.fetch(store, key, time(params, "from", Long.MIN_VALUE),
            time(params, "to", Long.MAX_VALUE));
        body.put("task", job.locate(store, key).task().getTaskName());
        ArrayNode list = body.putArray("windows");
        for (JobStores.Found w : windows) {
          list.addObject().put("start", w.startMs()).put("end", w.endMs())
              .set("value", JsonValues.render(w.value(), format.valueSerde()));
        }
        return body;
      }
    }
    if (path.size() == 3 && (path.get(2).equals("range") || path.get(2).equals("all"))) {
      boolean all = path.get(2).equals("all");
      byte[] from = all || !params.containsKey("from") ? null : JsonValues.keyBytes(params.get("from"), base64,
          format.keySerde());
      byte[] to = all || !params.containsKey("to") ? null : JsonValues.keyBytes(params.get("to"), base64,
          format.keySerde());
      List<JobStores.Found> found = job.range(store, from, to, limit + 1);
      ArrayNode list = body.putArray("entries");
      found.stream().limit(limit).forEach(f -> list.addObject().put("task", f.task().getTaskName())
          .setAll(Map.of("key", JsonValues.render(f.key(), format.keySerde()),
              "value", JsonValues.render(f.value(), format.valueSerde()))));
      body.put("truncated", found.size() > limit);
      return body;
    }
    if (path.size() == 3 && path.get(2).equals("windows")) {
      List<JobStores.Found> found = job.fetchAll(store, time(params, "from", Long.MIN_VALUE),
          time(params, "to", Long.MAX_VALUE), limit + 1);
      ArrayNode list = body.putArray("windows");
      found.stream().limit(limit).forEach(f -> list.addObject().put("task", f.task().getTaskName())
          .put("start", f.startMs()).put("end", f.endMs())
          .setAll(Map.of("key", JsonValues.render(f.key(), format.keySerde()),
              "value", JsonValues.render(f.value(), format.valueSerde()))));
      body.put("truncated", found.size() > limit);
      return body;
    }
    throw new IllegalArgumentException("unknown query path " + ex.getRequestURI().getPath()
        + "; see /stores/<store>/keys/<key>, /range, /all, /keys/<key>/windows, /windows");
  }

  private static long time(Map<String, String> params, String name, long otherwise) {
    String v = params.get(name);
    if (v == null || v.isBlank()) {
      return otherwise;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a time in epoch ms, got '" + v + "'");
    }
  }

  static List<String> segments(String rawPath) {
    return java.util.Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty())
        .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
  }

  static Map<String, String> params(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return params;
  }

  private static ObjectNode error(String message) {
    return JsonValues.MAPPER.createObjectNode().put("error", message);
  }

  private static void respond(HttpExchange ex, int status, ObjectNode body) throws IOException {
    byte[] bytes = JsonValues.MAPPER.writeValueAsBytes(body);
    try (ex) {
      ex.getResponseHeaders().set("Content-Type", "application/json");
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

  /** Stops serving at once and ends the threads. */
  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  /** An absent key: the body so far, with an error. */
  private static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ObjectNode body;

    NotFound(ObjectNode body) {
      super("not found", null, false, false);
      this.body = body.put("error", "no such key");
    }
  }
}
