package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strand.config.Config;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.container.status.StatusSettings;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kill.KillLoop;
import io.strand.testkit.kill.KillThrottle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thread runner's status page on the real broker: off unless {@code strand.status.http.port}
 * is set; with it, served while the job runs (its containers' reports read from their meters, the
 * uPlot script from the jar), and closed once the job has ended.
 */
@RealKafka
class ThreadRunnerStatusPageTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path workDir;

  @Test
  void aThreadJobServesItsPageWhileItRunsAndClosesItAtTheEnd(KafkaCluster kafka) throws Exception {
    StatelessJob job = new StatelessJob(kafka, "thread-status", 2_000)
        // About 8 s per container until the page is checked (released then): the job runs while it is read.
        .with(KillThrottle.EVERY, "20").with(KillThrottle.SLEEP_MS, "20")
        .with(KillThrottle.UNTIL_FILE, workDir.resolve("page-checked").toString())
        .with("systems.kafka.consumer.max.poll.records", "100");
    Map<String, String> entries = new TreeMap<>(job.entries(ThreadJobFactory.class.getName(), workDir));
    StreamJob off = new ThreadJobFactory().getJob(Config.of(entries));
    assertTrue(off.statusUrl().isEmpty(), "no page unless the key is set");

    entries.put(StatusSettings.PORT, "0");
    StreamJob streamJob = new ThreadJobFactory().getJob(Config.of(entries));
    streamJob.submit();
    String url = streamJob.statusUrl().orElseThrow(() -> new AssertionError("a page with the key set"));
    assertTrue(url.startsWith("http://127.0.0.1:"), url);
    JsonNode status = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      status = MAPPER.readTree(get(url + "status.json"));
      if (status.path("containers").size() == 2 && reporting(status)
          && status.path("charts").path("taskRate").size() == StatelessJob.PARTITIONS) {
        break;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
    JsonNode last = status;
    assertTrue(reporting(last), "both containers report: " + last);
    assertEquals("thread", last.path("runner").asText());
    assertEquals(StatelessJob.PARTITIONS, last.path("charts").path("taskRate").size(), () -> "" + last);
    assertTrue(get(url + "static/uPlot.iife.min.js").contains("uPlot"), "uPlot comes from the jar");
    assertTrue(get(url).contains("data-chart=\"taskLag\""));
    KillLoop.release(workDir.resolve("page-checked"));

    assertEquals(JobStatus.SUCCEEDED, streamJob.waitForFinish(120_000));
    boolean closed = false;
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!closed && System.nanoTime() < deadline) {
      try {
        get(url + "status.json");
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      } catch (IOException e) {
        closed = true;
      }
    }
    assertTrue(closed, "the page stops with the job");
  }

  private static boolean reporting(JsonNode status) {
    if (status == null || status.path("containers").size() == 0) {
      return false;
    }
    for (JsonNode c : status.path("containers")) {
      if (!c.path("activity").asText().equals("reporting")) {
        return false;
      }
    }
    return true;
  }

  private static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " from " + url);
    }
    return response.body();
  }
}
