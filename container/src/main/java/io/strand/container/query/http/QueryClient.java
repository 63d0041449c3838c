package io.strand.container.query.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.strand.config.Config;
import io.strand.container.coordinator.CoordinatorSettings;
import io.strand.container.coordinator.CoordinatorStream;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.model.JobModel;
import io.strand.container.query.KeyLocation;
import io.strand.container.query.QueryEndpoint;
import io.strand.container.query.QueryEndpoints;
import io.strand.container.query.StoreFormat;
import io.strand.container.query.StoreLocator;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Queries any key of a running job from any node: reads the job model and the containers' query
 * endpoints from the job's coordinator topic, locates the key ({@link StoreLocator}, with the
 * store's query key serde from the job config) and asks the owning container's endpoint over HTTP.
 * When the owner has no endpoint yet, is unreachable, or answers that it does not hold the key (421)
 * or the store (503) — a container restarting or moved — the client reads the coordinator topic
 * again and retries once.
 *
 * <p>Threading: thread-safe; the metadata is swapped as a whole when re-read.
 */
public final class QueryClient implements AutoCloseable {

  private final Config config;
  private final HttpClient http;
  private final Duration timeout;
  private final Map<String, StoreFormat> formats = new ConcurrentHashMap<>();
  private volatile StoreLocator locator;

  /**
   * A client for the job the config describes (its {@code job.name}, {@code job.id}, coordinator
   * system and stores); nothing is read until the first query.
   *
   * @param config the job's config
   * @param timeout the longest wait for one HTTP answer
   */
  public QueryClient(Config config, Duration timeout) {
    this.config = config;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * Where a key lives now, from the coordinator topic as last read (read on first use).
   *
   * @param store the store
   * @param key the key (the store's query key serde's type)
   * @return the location
   * @throws IllegalStateException if the job has no job model yet
   */
  public KeyLocation locate(String store, Object key) {
    return locator(false).locate(format(store).keySerde().toBytes(key));
  }

  /**
   * A key's answer from its owner: {@code {"store","key","value","task","partition","container"}}
   * (see {@link QueryServer}).
   *
   * @param store the store
   * @param key the key
   * @return the answer, or empty when the key is absent (404)
   * @throws IllegalStateException if the owner cannot answer, even after re-reading the coordinator topic
   */
  public Optional<JsonNode> get(String store, Object key) {
    byte[] bytes = format(store).keySerde().toBytes(key);
    String path = "stores/" + encode(store) + "/keys/" + encode(JsonValues.encodeBase64(bytes)) + "?encoding=base64";
    try {
      return ask(locator(false).locate(bytes), path);
    } catch (Retry first) {
      try {
        return ask(locator(true).locate(bytes), path);
      } catch (Retry second) {
        throw new IllegalStateException("store '" + store + "', key '" + key + "': " + second.getMessage()
            + " (after re-reading the coordinator topic; first attempt: " + first.getMessage() + ")");
      }
    }
  }

  /**
   * A key's value as JSON.
   *
   * @param store the store
   * @param key the key
   * @return the value, or empty when the key is absent
   * @throws IllegalStateException if the owner cannot answer
   */
  public Optional<JsonNode> value(String store, Object key) {
    return get(store, key).map(a -> a.get("value"));
  }

  private Optional<JsonNode> ask(KeyLocation at, String path) {
    QueryEndpoint endpoint = at.endpoint().orElseThrow(() -> new Retry("container '" + at.containerId()
        + "' (task '" + at.task() + "') has published no query endpoint"));
    URI uri = endpoint.url().resolve(path);
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Retry(uri + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking " + uri, e);
    }
    int status = response.statusCode();
    if (status == 404) {
      return Optional.empty();
    }
    JsonNode body;
    try {
      body = JsonValues.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(uri + " answered HTTP " + status + " with something not JSON: " + e.getMessage());
    }
    if (status == 200) {
      return Optional.of(body);
    }
    if (status == 421 || status == 503) {
      throw new Retry(uri + " answered HTTP " + status + ": " + body.path("error").asText());
    }
    throw new IllegalStateException(uri + " answered HTTP " + status + ": " + body.path("error").asText());
  }

  private StoreFormat format(String store) {
    return formats.computeIfAbsent(store, s -> StoreFormat.fromConfig(s, config));
  }

  private StoreLocator locator(boolean reread) {
    StoreLocator l = locator;
    if (l == null || reread) {
      Map<String, String> records;
      try (CoordinatorStream coordinator = CoordinatorStream.create(CoordinatorSettings.fromConfig(config),
          new KafkaSystems(config))) {
        records = coordinator.readAll();
      }
      String modelJson = records.get(CoordinatorStream.JOB_MODEL_KEY);
      if (modelJson == null) {
        throw new IllegalStateException("the coordinator topic of the job holds no job model yet (not started?)");
      }
      JobModel model = io.strand.container.model.JobModelJson.fromJson(modelJson);
      l = new StoreLocator(model, QueryEndpoints.fromRecords(records));
      locator = l;
    }
    return l;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Nothing to release: the HTTP client's threads are daemons and the coordinator is read per refresh. */
  @Override
  public void close() {
    locator = null;
  }

  /** A failure that re-reading the coordinator topic may fix. */
  private static final class Retry extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Retry(String message) {
      super(message, null, false, false);
    }
  }
}
