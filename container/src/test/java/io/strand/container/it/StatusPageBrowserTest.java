package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strand.config.Config;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.ProcessJob;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page of a running job, rendered by a real headless browser (Debian's
 * {@code chromium}, as {@code bin/render-status-page} uses): a process-runner job of 2 containers
 * on the real broker, whose children post their reports to the runner's page; the browser runs the
 * page's script and uPlot, and the test reads the DOM after it ran ({@code --dump-dom}) for the
 * charts' drawn points and canvases, and the links to each container's Prometheus endpoint and log. Skipped where no chromium is installed
 * ({@code apt-get install chromium}; CI installs it).
 */
@RealKafka
class StatusPageBrowserTest {

  private static final long JOB_TIMEOUT_MS = 120_000;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path workDir;

  @Test
  void aBrowserDrawsTheChartsOfARunningProcessJobWithData(KafkaCluster kafka) throws Exception {
    Optional<String> browser = chromium();
    assumeTrue(browser.isPresent(), "no chromium on the PATH: install Debian's chromium to run this test");

    StatelessJob job = new StatelessJob(kafka, "status-page", 5_000)
        .with("test.throttle.every", "20").with("test.throttle.ms", "5")
        .with("systems.kafka.consumer.max.poll.records", "100")
        .with("metrics.reporters", "prometheus")
        .with("metrics.reporter.prometheus.class", "io.strand.metrics.reporter.PrometheusReporterFactory")
        .with("metrics.reporter.prometheus.port", "0");
    Map<String, String> entries = new TreeMap<>(job.entries(ProcessJobFactory.class.getName(), workDir));
    entries.remove("systems.kafka.streams." + job.input + ".strand.bounded"); // runs until killed
    ProcessJob processJob = new ProcessJobFactory().newJob(Config.of(entries));
    processJob.submit();
    try {
      String url = processJob.statusUrl().orElseThrow(() -> new AssertionError("the process runner serves a page"));
      // Three reports of each container: two points of rate per container at the least.
      JsonNode status = awaitStatus(url, "every container reported its lag and rate a few times", s -> {
        for (JsonNode c : s.path("containers")) {
          if (!c.path("activity").asText().equals("reporting") || c.path("lag").isNull()) {
            return false;
          }
        }
        JsonNode rates = s.path("charts").path("containerRate");
        return rates.size() == 2 && count(rates.path("container 0")) >= 2 && count(rates.path("container 1")) >= 2;
      });
      for (JsonNode c : status.path("containers")) {
        String pid = String.valueOf(processJob.containerProcess(c.path("id").asText()).orElseThrow().pid());
        assertEquals(pid, c.path("processId").asText(), "reports come from the container's process: " + c);
        assertEquals("logs/" + c.path("id").asText(), c.path("logUrl").asText(), c::toString);
        String metricsUrl = c.path("metricsUrl").asText();
        assertTrue(metricsUrl.startsWith("http://"), "each container's Prometheus endpoint: " + c);
        assertTrue(get(metricsUrl).contains("strand_task_messages_processed"), "the endpoint serves the meters");
      }
      for (JsonNode t : status.path("tasks")) {
        assertEquals("running", t.path("state").asText(), t::toString);
        assertTrue(t.path("totalLag").isNumber(), t::toString);
      }
      String log = get(url + "logs/1");
      assertTrue(log.contains("start 1 of container 1"), "the page serves container 1's log: " + log);

      String dom = dumpDom(browser.get(), url + "?refresh=0");
      for (String chart : List.of("containerRate", "containerLag", "taskRate", "taskLag")) {
        Matcher m = Pattern.compile("data-chart=\"" + chart + "\"[^>]*>").matcher(dom);
        assertTrue(m.find(), "chart " + chart + " on the page");
        String tag = m.group();
        assertTrue(tag.contains("data-drawn=\"true\""), "uPlot drew " + chart + ": " + tag);
        Matcher points = Pattern.compile("data-points=\"(\\d+)\"").matcher(tag);
        assertTrue(points.find() && Integer.parseInt(points.group(1)) >= 2, chart + " has points: " + tag);
      }
      Matcher total = Pattern.compile("data-chart-points=\"(\\d+)\"").matcher(dom);
      assertTrue(total.find() && Integer.parseInt(total.group(1)) >= 8, "points drawn in all: " + total);
      int canvases = dom.split("<canvas", -1).length - 1;
      assertTrue(canvases >= 4, "a canvas per chart, got " + canvases);
      assertTrue(dom.contains("reporting") && dom.contains("Partition 7"), "the tables are on the page");
      assertEquals(2, dom.split(">metrics</a>", -1).length - 1, "a metrics link per container");
      assertEquals(2, dom.split(">log</a>", -1).length - 1, "a log link per container");
    } finally {
      processJob.kill();
    }
    assertEquals(JobStatus.KILLED, processJob.waitForFinish(JOB_TIMEOUT_MS));
  }

  /** Debian's chromium, or another Chromium on the PATH. */
  static Optional<String> chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate.toString());
        }
      }
    }
    return Optional.empty();
  }

  /** The DOM after the page's scripts ran, as headless chromium prints it. */
  private String dumpDom(String browser, String url) throws IOException, InterruptedException {
    Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
    Path out = workDir.resolve("dom.html");
    List<String> command = new ArrayList<>(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,1800", "--virtual-time-budget=5000",
        "--dump-dom", url));
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(workDir.resolve("chromium.err").toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not print the DOM within 90 s");
    }
    String dom = Files.readString(out, StandardCharsets.UTF_8);
    assertTrue(dom.contains("</html>"), () -> "chromium printed a DOM (exit " + p.exitValue() + "): " + dom
        + readQuietly(workDir.resolve("chromium.err")));
    return dom;
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private static long count(JsonNode values) {
    long n = 0;
    for (JsonNode v : values) {
      n += v.isNull() ? 0 : 1;
    }
    return n;
  }

  private static JsonNode awaitStatus(String url, String what, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = MAPPER.readTree(get(url + "status.json"));
        if (condition.test(last)) {
          return last;
        }
      } catch (IOException e) {
        last = null;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
    }
    throw new AssertionError("within 90 s: " + what + "; last status: " + last);
  }

  private static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " from " + url);
    }
    return response.body();
  }
}
