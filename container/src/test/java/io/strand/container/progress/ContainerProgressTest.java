package io.strand.container.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.changelog.restore.RestoreProgress;
import io.strand.container.TaskName;
import io.strand.container.metrics.BadInputCounts;
import io.strand.container.metrics.ContainerMetrics;
import io.strand.container.metrics.TaskMetrics;
import io.strand.container.progress.JobProgress.Phase;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Reads progress from the meters the container registers (the same classes, a plain registry). */
class ContainerProgressTest {

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final ContainerProgress progress = new ContainerProgress(registry);

  @Test
  void startingUntilAnyMeterExists() {
    assertEquals(JobProgress.STARTING, progress.read());
  }

  @Test
  void restoringWhileOnlyRestoreMetersExist() {
    AtomicLong total = new AtomicLong(1_000);
    Gauge.builder(RestoreProgress.RECORDS_TOTAL, total, AtomicLong::get).tags("store", "s", "task", "t")
        .register(registry);
    Counter restored = registry.counter(RestoreProgress.RECORDS, "store", "s", "task", "t");
    restored.increment(400);

    assertEquals(new JobProgress(Phase.RESTORING, 400, 1_000, 0, 0), progress.read());
  }

  @Test
  void processingSumsTasksAndKeepsTheCountsOfTasksWhoseMetersAreGone() {
    TaskMetrics a = new TaskMetrics(registry, "job", "0", new TaskName("Partition 0"));
    TaskMetrics b = new TaskMetrics(registry, "job", "0", new TaskName("Partition 1"));
    a.messagesProcessed().increment(10);
    b.messagesProcessed().increment(5);
    a.lag(new SystemStreamPartition("kafka", "in", 0), () -> 7);
    b.lag(new SystemStreamPartition("kafka", "in", 1), () -> 3);

    assertEquals(new JobProgress(Phase.PROCESSING, 0, 0, 15, 10), progress.read());

    a.close();
    b.close();

    assertEquals(new JobProgress(Phase.PROCESSING, 0, 0, 15, 0), progress.read());
  }

  @Test
  void badInputIsReadPerStreamAndKeptOnceTheContainersMetersAreGone() {
    assertEquals(BadInputCounts.NONE, progress.badInput());
    ContainerMetrics metrics = new ContainerMetrics(registry, "job", "0");
    metrics.skipped(new SystemStream("kafka", "airports")).increment(3);
    metrics.skipped(new SystemStream("kafka", "flights")).increment();
    metrics.deadLettered(new SystemStream("kafka", "flights")).increment(2);
    metrics.deadLettered(new SystemStream("kafka", "carriers"));
    BadInputCounts expected = new BadInputCounts(Map.of("kafka.airports", 3L, "kafka.flights", 1L),
        Map.of("kafka.flights", 2L));

    assertEquals(expected, progress.badInput());
    assertEquals(expected, metrics.badInputCounts(), "the container's own view agrees");

    metrics.close();

    assertEquals(expected, progress.badInput());
  }
}
