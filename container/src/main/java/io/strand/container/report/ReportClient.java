package io.strand.container.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends a container's reports: {@code POST <base>/report} with a {@link ContainerReport} as JSON,
 * answered by a {@link ReportReply} (the YARN application master, the process runner's parent).
 *
 * <p>Threading: thread-safe (the JDK client is).
 */
public final class ReportClient {

  /** How long one request may take, in ms. */
  public static final long REQUEST_TIMEOUT_MS = 5_000;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofMillis(REQUEST_TIMEOUT_MS);

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /**
   * A client of one server.
   *
   * @param baseUrl the server's base URL, for example {@code http://localhost:4040/}
   * @throws IllegalArgumentException if it is not a URI
   */
  public ReportClient(String baseUrl) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
  }

  /**
   * The server's base URL.
   *
   * @return the base, ending in {@code /}
   */
  public URI base() {
    return base;
  }

  /**
   * Sends a report.
   *
   * @param report the report
   * @return the server's reply
   * @throws IOException if the server cannot be reached or answers with an error
   * @throws InterruptedException if interrupted while waiting for the answer
   */
  public ReportReply send(ContainerReport report) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("report"))
        .timeout(TIMEOUT).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(report))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " from " + base + "report: " + response.body());
    }
    return MAPPER.readValue(response.body(), ReportReply.class);
  }
}
