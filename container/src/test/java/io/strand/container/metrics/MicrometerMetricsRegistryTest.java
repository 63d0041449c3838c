package io.strand.container.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.container.TaskName;
import io.strand.metrics.Counter;
import io.strand.metrics.Gauge;
import io.strand.metrics.MetricsRegistry;
import io.strand.metrics.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Samza's registry semantics on the container's Micrometer meters. */
class MicrometerMetricsRegistryTest {

  private static final String GROUP = "com.example.CountTask";

  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final TaskMetrics task = new TaskMetrics(meters, "job-a", "0", new TaskName("Partition 3"));
  private final MetricsRegistry registry = task.taskMetricsRegistry();

  private double gaugeValue(String name, String group, String taskName) {
    return meters.get(MeterNames.user(name)).tag(MeterNames.TAG_GROUP, group).tag(MeterNames.TAG_TASK, taskName)
        .gauge().value();
  }

  @Test
  void aCounterIsMadeOnceAndCountsUpAndDownAsSamzasDoes() {
    Counter c = registry.newCounter(GROUP, "sessions");
    assertSame(c, registry.newCounter(GROUP, "sessions"), "the same group and name is the same counter");
    assertSame(c, task.taskMetricsRegistry().newCounter(GROUP, "sessions"));
    assertEquals("sessions", c.getName());
    assertEquals(0, c.getCount());

    assertEquals(1, c.inc());
    assertEquals(6, c.inc(5));
    assertEquals(5, c.dec());
    assertEquals(2, c.dec(3));
    assertEquals(2.0, gaugeValue("sessions", GROUP, "Partition 3"));
    assertEquals(-1, c.dec(3), "a counter may go below 0");
    assertEquals(-1.0, gaugeValue("sessions", GROUP, "Partition 3"));
    c.set(40);
    assertEquals(40, c.getCount());
    assertEquals(40.0, gaugeValue("sessions", GROUP, "Partition 3"));
    c.clear();
    assertEquals(0.0, gaugeValue("sessions", GROUP, "Partition 3"));
    registry.newCounter(GROUP, "sessions").inc(2);
    assertEquals(2, c.getCount(), "asking again keeps the count");
  }

  @Test
  void meterIsNamedStrandUserTaggedWithJobContainerTaskAndGroup() {
    registry.newCounter(GROUP, "sessions").inc();
    Meter m = meters.get("strand.user.sessions").meter();
    assertEquals(List.of(Tag.of("container", "0"), Tag.of("group", GROUP), Tag.of("job", "job-a"),
        Tag.of("task", "Partition 3")), m.getId().getTags());
    assertEquals(Meter.Type.GAUGE, m.getId().getType(), "a counter that can go down is a gauge");
  }

  @Test
  void theContainerRegistryTagsJobContainerAndGroupButNoTask() {
    ContainerMetrics container = new ContainerMetrics(meters, "job-a", "0");
    MetricsRegistry shared = container.containerMetricsRegistry();
    assertSame(shared, container.containerMetricsRegistry());
    shared.newCounter(GROUP, "all-messages").inc(4);
    Meter m = meters.get("strand.user.all-messages").meter();
    assertEquals(List.of(Tag.of("container", "0"), Tag.of("group", GROUP), Tag.of("job", "job-a")),
        m.getId().getTags());
    assertEquals(4.0, meters.get("strand.user.all-messages").gauge().value());
    container.close();
    assertTrue(meters.find("strand.user.all-messages").meters().isEmpty(), "closed with the container");
  }

  @Test
  void groupsAndTasksKeepTheirOwnMetersUnderOneName() {
    TaskMetrics other = new TaskMetrics(meters, "job-a", "0", new TaskName("Partition 4"));
    Counter mine = registry.newCounter(GROUP, "n");
    Counter otherGroup = registry.newCounter("com.example.Other", "n");
    Counter otherTask = other.taskMetricsRegistry().newCounter(GROUP, "n");
    assertNotSame(mine, otherGroup);
    assertNotSame(mine, otherTask);
    mine.inc(1);
    otherGroup.inc(2);
    otherTask.inc(3);
    assertEquals(1.0, gaugeValue("n", GROUP, "Partition 3"));
    assertEquals(2.0, gaugeValue("n", "com.example.Other", "Partition 3"));
    assertEquals(3.0, gaugeValue("n", GROUP, "Partition 4"));
  }

  @Test
  void aGaugeHoldsTheLastValueSetAndReportsNumbers() {
    Gauge<Long> g = registry.newGauge(GROUP, "newest-event-ms", 5L);
    assertEquals("newest-event-ms", g.getName());
    assertEquals(5L, g.getValue());
    assertEquals(5.0, gaugeValue("newest-event-ms", GROUP, "Partition 3"));
    assertEquals(5L, g.set(9L), "set returns the value before");
    assertEquals(9.0, gaugeValue("newest-event-ms", GROUP, "Partition 3"));
    Gauge<Long> again = registry.newGauge(GROUP, "newest-event-ms", 100L);
    assertSame(g, again);
    assertEquals(9L, again.getValue(), "a second initial value is ignored");
    Long current = g.getValue();
    assertTrue(g.compareAndSet(current, 11L));
    assertFalse(g.compareAndSet(current, 12L), "the value is no longer the expected one");
    assertEquals(11L, g.getValue());

    Gauge<Boolean> up = registry.newGauge(GROUP, "up", true);
    assertEquals(1.0, gaugeValue("up", GROUP, "Partition 3"));
    up.set(false);
    assertEquals(0.0, gaugeValue("up", GROUP, "Partition 3"));

    Gauge<String> text = registry.newGauge(GROUP, "mode", "fast");
    assertEquals("fast", text.getValue());
    assertTrue(Double.isNaN(gaugeValue("mode", GROUP, "Partition 3")), "not a number");
    Gauge<Double> unset = registry.newGauge(GROUP, "ratio", null);
    assertNull(unset.getValue());
    assertTrue(Double.isNaN(gaugeValue("ratio", GROUP, "Partition 3")));
    unset.set(0.25);
    assertEquals(0.25, gaugeValue("ratio", GROUP, "Partition 3"));
  }

  @Test
  void aTimerRecordsDurationsInMs() {
    Timer t = registry.newTimer(GROUP, "lookup-ms");
    assertSame(t, registry.newTimer(GROUP, "lookup-ms"));
    assertEquals("lookup-ms", t.getName());
    t.update(5);
    t.update(20);
    t.update(0);
    t.update(-3);
    io.micrometer.core.instrument.Timer timer = meters.get("strand.user.lookup-ms")
        .tag(MeterNames.TAG_GROUP, GROUP).tag(MeterNames.TAG_TASK, "Partition 3").timer();
    assertEquals(3, timer.count(), "0 counts, a negative duration does not");
    assertEquals(25.0, timer.totalTime(TimeUnit.MILLISECONDS));
    assertEquals(20.0, timer.max(TimeUnit.MILLISECONDS));
  }

  @Test
  void aGroupAndNameIsOneKindOfMeter() {
    registry.newCounter(GROUP, "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.newTimer(GROUP, "x"));
    assertEquals("job 'job-a' container '0' task 'Partition 3': cannot make a timer 'x' in group '" + GROUP
        + "': a counter of that group and name is already registered", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> registry.newGauge(GROUP, "x", 1));
    assertTrue(e.getMessage().contains("cannot make a gauge 'x'"), e.getMessage());
    registry.newGauge(GROUP, "g", 1);
    e = assertThrows(IllegalArgumentException.class, () -> registry.newCounter(GROUP, "g"));
    assertTrue(e.getMessage().contains("a gauge of that group and name"), e.getMessage());
  }

  @Test
  void blankGroupsAndNamesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.newCounter(" ", "x"));
    assertEquals("job 'job-a' container '0' task 'Partition 3': a metric group cannot be blank, got ' '",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> registry.newTimer(GROUP, null));
    assertTrue(e.getMessage().endsWith("a metric name cannot be blank, got null"), e.getMessage());
  }

  @Test
  void closingTheTaskRemovesItsOwnMetersWithItsOthers() {
    registry.newCounter(GROUP, "c").inc();
    registry.newGauge(GROUP, "g", 1);
    registry.newTimer(GROUP, "t").update(1);
    assertEquals(3, meters.find(MeterNames.user("c")).meters().size() + meters.find(MeterNames.user("g")).meters().size()
        + meters.find(MeterNames.user("t")).meters().size());
    task.close();
    assertTrue(meters.getMeters().isEmpty(), "no meter of the task is left: " + meters.getMeters());
  }

  @Test
  void aMeterLeftBehindByAnUnclosedTaskDoesNotHideTheNewOne() {
    registry.newCounter(GROUP, "c").set(7);
    // The same task again on the same registry, without closing the first: its counter must be reported.
    TaskMetrics again = new TaskMetrics(meters, "job-a", "0", new TaskName("Partition 3"));
    Counter fresh = again.taskMetricsRegistry().newCounter(GROUP, "c");
    fresh.inc();
    assertEquals(1.0, gaugeValue("c", GROUP, "Partition 3"));
  }
}
