package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strand.config.Config;
import io.strand.container.metrics.MeterNames;
import io.strand.container.metrics.MetricsRegistries;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.ProcessJob;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.container.testjobs.OwnCounterTask;
import io.strand.metrics.reporter.JmxReporterFactory;
import io.strand.metrics.reporter.MetricsEndpoint;
import io.strand.metrics.reporter.MetricsSnapshotReporterFactory;
import io.strand.metrics.reporter.PrometheusReporterFactory;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.TestJobConfigs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.InstanceNotFoundException;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics reporters on a real broker: a task's own counter read from a running container's
 * Prometheus endpoint (thread and process runners), from JMX, and from the snapshot records read back
 * from Kafka, each with the right value and tags.
 */
@RealKafka
class MetricsReportersTest {

  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String METRIC = "strand_user_messages_seen";
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  @TempDir
  Path workDir;

  /** A job of {@link OwnCounterTask} over an unbounded input of 2 partitions holding 7 and 5 messages. */
  private static Map<String, String> job(KafkaCluster kafka, String name) {
    String input = kafka.uniqueTopic(name + "-in");
    kafka.client().createTopic(input, 2);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      records.add(new ProducerRecord<>(input, i < 7 ? 0 : 1, "k" + i, "v" + i));
    }
    kafka.client().produce(records);
    Map<String, String> m = new TreeMap<>();
    m.put("job.name", kafka.uniqueTopic(name));
    m.put("task.class", OwnCounterTask.class.getName());
    m.put("task.inputs", "kafka." + input);
    m.put("task.commit.ms", "500");
    TestJobConfigs.putStringKafkaSystem(m, kafka.bootstrapServers());
    return m;
  }

  @Test
  void aTasksCounterIsOnThePrometheusEndpointInJmxAndInTheSnapshotStream(KafkaCluster kafka) throws Exception {
    Map<String, String> m = job(kafka, "reporters");
    String jobName = m.get("job.name");
    String metricsTopic = kafka.uniqueTopic("metrics");
    m.put("metrics.reporters", "jmx,prometheus,snapshot");
    m.put("metrics.reporter.jmx.class", JmxReporterFactory.class.getName());
    m.put("metrics.reporter.prometheus.class", PrometheusReporterFactory.class.getName());
    m.put("metrics.reporter.prometheus.port", "0");
    m.put("metrics.reporter.prometheus.host", "127.0.0.1");
    m.put("metrics.reporter.snapshot.class", MetricsSnapshotReporterFactory.class.getName());
    m.put("metrics.reporter.snapshot.stream", "kafka." + metricsTopic);
    m.put("metrics.reporter.snapshot.interval", "1");
    StreamJob job = new ThreadJobFactory().getJob(Config.of(m));
    job.submit();
    try {
      MetricsEndpoint endpoint = await(() -> job.metricsEndpoints().isEmpty() ? null : job.metricsEndpoints().get(0),
          "the container's endpoint");
      assertEquals("0", endpoint.containerId());
      assertEquals("prometheus", endpoint.reporter());
      assertTrue(endpoint.url().toString().matches("http://127\\.0\\.0\\.1:\\d+/metrics"), endpoint::toString);

      Map<String, Double> expected = Map.of("Partition 0", 7.0, "Partition 1", 5.0);
      Map<String, Double> scraped = await(() -> {
        Map<String, Double> counts = counters(scrape(endpoint.url()), jobName, "0");
        return counts.equals(expected) ? counts : null;
      }, "counters 7 and 5 on " + endpoint.url());
      assertEquals(expected, scraped);

      ObjectName mbean = MetricsRegistries.objectName("gauges", MeterNames.user(OwnCounterTask.COUNTER), "job", jobName,
          "container", "0", "task", "Partition 0", "group", OwnCounterTask.GROUP);
      assertEquals(7.0, ((Number) ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, "Value")).doubleValue());

      // A periodic snapshot (every second) read back while the container runs.
      await(() -> snapshots(kafka, metricsTopic, jobName).getOrDefault("TaskName-Partition 0", List.of()).stream()
          .anyMatch(n -> n.path("metrics").path(OwnCounterTask.GROUP).path(OwnCounterTask.COUNTER).asLong() == 7)
          ? true : null, "a periodic snapshot holding 7");
    } finally {
      job.kill();
    }
    assertEquals(JobStatus.KILLED, job.waitForFinish(DEADLINE.toMillis()));
    assertEquals(List.of(), job.metricsEndpoints(), "no endpoint once the container has stopped");

    // Every snapshot of each task, in order: the periodic ones and the last one at the stop.
    Map<String, List<JsonNode>> bySource = snapshots(kafka, metricsTopic, jobName);
    assertTrue(bySource.containsKey("StrandContainerMetrics"), () -> bySource.keySet().toString());
    for (Map.Entry<String, Long> e : Map.of("Partition 0", 7L, "Partition 1", 5L).entrySet()) {
      List<JsonNode> snapshots = bySource.get("TaskName-" + e.getKey());
      assertTrue(snapshots != null && snapshots.size() >= 2, () -> "periodic snapshots and the last one: " + bySource.keySet());
      JsonNode last = snapshots.get(snapshots.size() - 1);
      assertEquals(e.getValue(), last.path("metrics").path(OwnCounterTask.GROUP).path(OwnCounterTask.COUNTER)
          .asLong(-1), last::toString);
      assertEquals(e.getValue(), last.path("metrics").path("strand.task").path("messages.processed")
          .asLong(-1), last::toString);
      JsonNode header = last.path("header");
      assertEquals(jobName, header.path("job-name").asText());
      assertEquals("1", header.path("job-id").asText());
      assertEquals("0", header.path("container-name").asText());
      assertFalse(header.path("host").asText().isEmpty(), header::toString);
      assertFalse(header.path("version").asText().isEmpty(), header::toString);
      assertTrue(header.path("time").asLong() >= header.path("reset-time").asLong() && header.path("reset-time").asLong() > 0,
          header::toString);
    }
  }

  @Test
  void theProcessRunnerReportsEachContainersEndpointAndItServesItsTasksCounters(KafkaCluster kafka) throws Exception {
    Map<String, String> m = job(kafka, "process-reporters");
    String jobName = m.get("job.name");
    m.put("job.container.count", "2");
    m.put("job.factory.class", ProcessJobFactory.class.getName());
    m.put("strand.process.work.dir", workDir.toString());
    m.put("task.opts", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    m.put("task.shutdown.ms", "10000");
    m.put("metrics.reporters", "prometheus");
    m.put("metrics.reporter.prometheus.class", PrometheusReporterFactory.class.getName());
    m.put("metrics.reporter.prometheus.host", "127.0.0.1");
    ProcessJob job = new ProcessJobFactory().newJob(Config.of(m));
    job.submit();
    try {
      List<MetricsEndpoint> endpoints = await(() -> job.metricsEndpoints().size() == 2 ? job.metricsEndpoints() : null,
          "both containers' endpoints");
      assertEquals(List.of("0", "1"), endpoints.stream().map(MetricsEndpoint::containerId).toList());
      Map<String, Double> all = await(() -> {
        Map<String, Double> counts = new TreeMap<>();
        for (MetricsEndpoint e : endpoints) {
          counts.putAll(counters(scrape(e.url()), jobName, e.containerId()));
        }
        return counts.values().stream().mapToDouble(Double::doubleValue).sum() == 12 ? counts : null;
      }, "the counters of both containers' tasks");
      assertEquals(Map.of("Partition 0", 7.0, "Partition 1", 5.0), all);
    } finally {
      job.kill();
    }
    assertEquals(JobStatus.KILLED, job.waitForFinish(DEADLINE.toMillis()));
  }

  /** The snapshots in the metrics topic, in order, by source. */
  private static Map<String, List<JsonNode>> snapshots(KafkaCluster kafka, String topic, String jobName) {
    Map<String, List<JsonNode>> bySource = new HashMap<>();
    for (ConsumerRecord<String, String> r : kafka.client().readAll(topic)) {
      assertEquals(jobName + "-1-0", r.key(), "keyed by job and container");
      JsonNode snapshot;
      try {
        snapshot = JSON.readTree(r.value());
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + r.value(), e);
      }
      bySource.computeIfAbsent(snapshot.path("header").path("source").asText(), s -> new ArrayList<>()).add(snapshot);
    }
    return bySource;
  }

  /** The task counters of one container in a Prometheus text page, by task. */
  private static Map<String, Double> counters(String page, String jobName, String container) {
    Map<String, Double> counts = new TreeMap<>();
    for (String line : page.split("\n")) {
      if (!line.startsWith(METRIC + "{")) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      Matcher matcher = LABEL.matcher(line.substring(0, line.lastIndexOf('}')));
      while (matcher.find()) {
        labels.put(matcher.group(1), matcher.group(2));
      }
      if (jobName.equals(labels.get("job")) && container.equals(labels.get("container"))
          && OwnCounterTask.GROUP.equals(labels.get("group"))) {
        counts.put(labels.get("task"), Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    return counts;
  }

  private static String scrape(URI url) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
      return response.body();
    } catch (IOException e) {
      return ""; // not serving yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Polls until the value is non-null. */
  private static <T> T await(Supplier<T> value, String what) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      T v = value.get();
      if (v != null) {
        return v;
      }
      Thread.sleep(100); // a poll interval, with a deadline
    }
    throw new AssertionError("no " + what + " within " + DEADLINE);
  }
}
