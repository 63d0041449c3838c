package io.strand.metrics.reporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.container.TaskName;
import io.strand.container.job.JobIdentity;
import io.strand.container.metrics.ContainerMetrics;
import io.strand.container.metrics.MeterNames;
import io.strand.container.metrics.TaskMetrics;
import io.strand.system.SystemStreamPartition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Samza's snapshot shape from Micrometer meters: sources, groups, names, values. */
class MetricsSnapshotsTest {

  private final MeterRegistry registry = new SimpleMeterRegistry();

  private Map<String, Map<String, Map<String, Object>>> bodies() {
    return MetricsSnapshots.bodies(registry.getMeters().stream().map(MetricsSnapshots::entry).toList());
  }

  @Test
  void aTasksOwnMetersAreUnderTheirGroupAndNameAndBuiltInOnesUnderTheirPrefix() {
    TaskMetrics task = new TaskMetrics(registry, "orders", "0", new TaskName("Partition 0"));
    task.taskMetricsRegistry().newCounter("com.example.Orders", "seen").inc(7);
    task.taskMetricsRegistry().newGauge("com.example.Orders", "ratio", 0.25);
    task.taskMetricsRegistry().newTimer("com.example.Orders", "lookup-ms").update(30);
    task.messagesProcessed().increment(12);
    task.commit().record(4, TimeUnit.MILLISECONDS);
    task.commit().record(6, TimeUnit.MILLISECONDS);
    task.lag(SystemStreamPartition.parse("kafka.orders#0"), () -> 17);
    ContainerMetrics container = new ContainerMetrics(registry, "orders", "0");
    container.containerMetricsRegistry().newCounter("com.example.Orders", "all").inc(12);
    container.bufferedMessages(() -> Double.NaN);

    Map<String, Map<String, Map<String, Object>>> bodies = bodies();

    Map<String, Map<String, Object>> p0 = bodies.get("TaskName-Partition 0");
    assertEquals(Map.of("seen", 7L, "ratio", 0.25, "lookup-ms", 30L), p0.get("com.example.Orders"));
    assertEquals(12L, p0.get("strand.task").get("messages.processed"));
    assertEquals(5L, p0.get("strand.task").get("commit"), "a timer's mean in ms");
    assertEquals(17L, p0.get("strand.task").get("lag{partition=kafka.orders#0}"));
    Map<String, Map<String, Object>> c = bodies.get(MetricsSnapshots.CONTAINER_SOURCE);
    assertEquals(Map.of("all", 12L), c.get("com.example.Orders"));
    assertNull(c.get("strand.container").get("buffered.messages"), "NaN is written as null");
    assertEquals(0L, c.get("strand.container").get("deserialization.errors"));
  }

  @Test
  void theHeaderHasSamzasFieldsInSamzasOrder() {
    ReporterContext context = new ReporterContext(new JobIdentity("orders", "2"), "1", "node-3", "container_01");
    Map<String, Object> snapshot = MetricsSnapshots.snapshot(context, "TaskName-Partition 0", "0.1.0", 2_000, 1_000,
        Map.of("g", Map.of("n", 1L)));
    assertEquals(List.of("header", "metrics"), List.copyOf(snapshot.keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> header = (Map<String, Object>) snapshot.get("header");
    assertEquals(List.of("job-name", "job-id", "container-name", "exec-env-container-id", "source", "version", "host",
        "time", "reset-time"), List.copyOf(header.keySet()));
    assertEquals(List.of("orders", "2", "1", "container_01", "TaskName-Partition 0", "0.1.0", "node-3", 2_000L, 1_000L),
        List.copyOf(header.values()));
  }

  @Test
  void otherMetersAreSplitAtTheirSecondDot() {
    Counter.builder("kafka.producer.record.sends").tag(MeterNames.TAG_CONTAINER, "0").register(registry).increment();
    Gauge.builder("uptime", () -> 3).register(registry);
    Timer.builder("a.b").register(registry);
    Map<String, Map<String, Object>> c = bodies().get(MetricsSnapshots.CONTAINER_SOURCE);
    assertEquals(Map.of("record.sends", 1L), c.get("kafka.producer"));
    assertEquals(Map.of("uptime", 3L), c.get("uptime"));
    assertEquals(Map.of("b", 0L), c.get("a"));
    Meter any = registry.getMeters().get(0);
    assertEquals(MetricsSnapshots.CONTAINER_SOURCE, MetricsSnapshots.entry(any).source());
  }

  @Test
  void aBlacklistLeavesOutTheMetersWhoseGroupAndNameItMatchesAsAWholeAndEmptySourcesAltogether() {
    TaskMetrics task = new TaskMetrics(registry, "orders", "0", new TaskName("Partition 0"));
    task.taskMetricsRegistry().newCounter("com.example.Orders", "seen").inc(7);
    task.taskMetricsRegistry().newCounter("com.example.Orders", "seen-late").inc(1);
    task.messagesProcessed().increment(12);
    task.lag(SystemStreamPartition.parse("kafka.orders#0"), () -> 17);
    ContainerMetrics container = new ContainerMetrics(registry, "orders", "0");
    container.containerMetricsRegistry().newCounter("com.example.Orders", "all").inc(12);
    java.util.regex.Pattern blacklist =
        java.util.regex.Pattern.compile("strand\\.container\\..*|strand\\.task\\.(?!messages).*|com\\.example\\.Orders\\.(seen|all)");

    Map<String, Map<String, Map<String, Object>>> bodies = MetricsSnapshots.bodies(registry.getMeters().stream()
        .map(MetricsSnapshots::entry).filter(e -> !MetricsSnapshots.blacklisted(blacklist, e)).toList());

    Map<String, Map<String, Object>> p0 = bodies.get("TaskName-Partition 0");
    assertEquals(Map.of("seen-late", 1L), p0.get("com.example.Orders"),
        "'seen' matches as a whole and goes; 'seen-late' only starts with it and stays");
    assertEquals(Map.of("messages.processed", 12L), p0.get("strand.task"), "lag{partition=...} matched with its tags");
    assertEquals(List.of("TaskName-Partition 0"), List.copyOf(bodies.keySet()),
        "the container's every meter is blacklisted, so it has no snapshot at all");
  }
}
