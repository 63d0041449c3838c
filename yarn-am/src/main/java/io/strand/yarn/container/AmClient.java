package io.strand.yarn.container;

import io.strand.container.model.JobModel;
import io.strand.container.model.JobModelJson;
import io.strand.container.report.ReportClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container's HTTP client of its application master: fetches the job model
 * ({@code GET /job-model.json}) and gives the client that sends its reports ({@code POST /report}).
 *
 * <p>Threading: thread-safe (the JDK client is).
 */
final class AmClient {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
  private final ReportClient reports;

  AmClient(String amUrl) {
    this.base = URI.create(amUrl.endsWith("/") ? amUrl : amUrl + "/");
    this.reports = new ReportClient(base.toString());
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
   * The client that sends this container's reports to the AM ({@code POST /report}).
   *
   * @return the client
   */
  ReportClient reports() {
    return reports;
  }
}
