package io.strand.yarn.client;

import io.strand.container.runner.JobStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;

/**
 * What the client tools know about a submitted Strand application: its status as a
 * {@link JobStatus}, and the AM's HTTP endpoints reached through the original (unproxied) tracking
 * URL: {@code POST /kill} for a graceful stop, {@code GET /status.json}.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class YarnApplications {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private YarnApplications() {}

  /**
   * Maps a report to a job status.
   *
   * @param report the application report
   * @return RUNNING until the application ended; then SUCCEEDED, KILLED, or FAILED with YARN's
   *     diagnostics
   */
  public static JobStatus toJobStatus(ApplicationReport report) {
    YarnApplicationState state = report.getYarnApplicationState();
    FinalApplicationStatus status = report.getFinalApplicationStatus();
    if (state != YarnApplicationState.FINISHED && state != YarnApplicationState.FAILED
        && state != YarnApplicationState.KILLED) {
      return JobStatus.RUNNING;
    }
    if (status == FinalApplicationStatus.SUCCEEDED && state == YarnApplicationState.FINISHED) {
      return JobStatus.SUCCEEDED;
    }
    if (status == FinalApplicationStatus.KILLED || state == YarnApplicationState.KILLED) {
      return JobStatus.KILLED;
    }
    String diagnostics = report.getDiagnostics() == null || report.getDiagnostics().isBlank()
        ? "application " + report.getApplicationId() + " ended " + state + "/" + status
        : report.getDiagnostics().strip();
    return JobStatus.failed(diagnostics);
  }

  /**
   * The AM's own URL, when it registered one.
   *
   * @param report the application report
   * @return the base URL ending in {@code /}
   */
  public static Optional<URI> amUrl(ApplicationReport report) {
    String url = report.getOriginalTrackingUrl();
    if (url == null || url.isBlank() || "N/A".equals(url) || report.getYarnApplicationState() != YarnApplicationState.RUNNING) {
      return Optional.empty();
    }
    if (!url.contains("://")) {
      url = "http://" + url;
    }
    return Optional.of(URI.create(url.endsWith("/") ? url : url + "/"));
  }

  /**
   * Asks the AM to stop the job gracefully.
   *
   * @param report the application report
   * @return true if the AM accepted
   */
  public static boolean requestGracefulKill(ApplicationReport report) {
    Optional<URI> am = amUrl(report);
    if (am.isEmpty()) {
      return false;
    }
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(am.get().resolve("kill")).timeout(TIMEOUT)
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 202;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Reads the AM's {@code /status.json}.
   *
   * @param report the application report
   * @return the JSON, or empty if the AM cannot be reached
   */
  public static Optional<String> statusJson(ApplicationReport report) {
    Optional<URI> am = amUrl(report);
    if (am.isEmpty()) {
      return Optional.empty();
    }
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(am.get().resolve("status.json"))
          .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
