package io.strand.yarn.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strand.container.model.JobModel;
import io.strand.container.model.JobModelJson;
import io.strand.container.report.ContainerReport;
import io.strand.container.report.ReportReply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container's HTTP client of its application master: fetches the job model
 * ({@code GET /job-model.json}) and sends reports ({@code POST /report}).
 *
 * <p>Threading: thread-safe (the JDK client is).
 */
final class AmClient {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

  AmClient(String amUrl) {
    this.base = URI.create(amUrl.endsWith("/") ? amUrl : amUrl + "/");
  }

  /**
   * Fetches the job model, retrying until the deadline (the AM may still be starting its server).
   *
   * @param timeoutMs how long to keep trying, in ms
   * @return the model
   * @throws IllegalStateException if no model arrived in time, with the last error
   */
  JobModel fetchJobModel(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    String lastError;
    do {
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("job-model.json"))
            .timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return JobModelJson.fromJson(response.body());
        }
        lastError = "HTTP " + response.statusCode();
      } catch (IOException e) {
        lastError = e.toString();
      }
      Thread.sleep(500); // a retry interval, not a wait for a condition we could observe
    } while (System.nanoTime() < deadline);
    throw new IllegalStateException("no job model from the AM at " + base + " within " + timeoutMs + " ms: "
        + lastError);
  }

  /**
   * Sends a report.
   *
   * @param report the report
   * @return the AM's reply
   * @throws IOException if the AM cannot be reached or answers with an error
   */
  ReportReply report(ContainerReport report) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("report"))
        .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(report))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("AM answered HTTP " + response.statusCode() + ": " + response.body());
    }
    return MAPPER.readValue(response.body(), ReportReply.class);
  }
}
