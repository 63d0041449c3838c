package io.strand.container.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.strand.container.TaskName;
import io.strand.system.SystemStreamPartition;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class MetricsJmxTest {

  private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

  private static Object attribute(ObjectName name, String attribute) throws Exception {
    return JMX.getAttribute(name, attribute);
  }

  private static ObjectName task(String type, String meter, String job, String container, String task) {
    return MetricsRegistries.objectName(type, meter, "job", job, "container", container, "task", task);
  }

  @Test
  void taskAndContainerMetersAreMBeansInTheStrandDomain() throws Exception {
    String job = "jmx-job";
    MeterRegistry registry = MetricsRegistries.create(job, "0");
    try {
      TaskMetrics t = new TaskMetrics(registry, job, "0", new TaskName("Partition 0"));
      t.messagesProcessed().increment();
      t.messagesProcessed().increment(2);
      t.processTime().record(Duration.ofMillis(3));
      t.window().record(Duration.ofMillis(5));
      t.commit().record(Duration.ofMillis(7));
      t.commit().record(Duration.ofMillis(9));
      AtomicLong lag = new AtomicLong(42);
      SystemStreamPartition ssp = new SystemStreamPartition("kafka", "flights", 0);
      t.lag(ssp, lag::get);

      ContainerMetrics c = new ContainerMetrics(registry, job, "0");
      c.pollTime().record(Duration.ofMillis(1));
      c.deserializationErrors().increment();
      c.bufferedMessages(() -> 17);

      assertEquals(3L, attribute(task("meters", MeterNames.TASK_MESSAGES_PROCESSED, job, "0", "Partition 0"), "Count"));
      assertEquals(1L, attribute(task("timers", MeterNames.TASK_PROCESS, job, "0", "Partition 0"), "Count"));
      assertEquals(1L, attribute(task("timers", MeterNames.TASK_WINDOW, job, "0", "Partition 0"), "Count"));
      ObjectName commit = task("timers", MeterNames.TASK_COMMIT, job, "0", "Partition 0");
      assertEquals(2L, attribute(commit, "Count"));
      assertEquals(9.0, (Double) attribute(commit, "Max"), 0.5, "durations in ms");
      ObjectName lagName = MetricsRegistries.objectName("gauges", MeterNames.TASK_LAG,
          "job", job, "container", "0", "task", "Partition 0", "partition", ssp.toString());
      assertEquals(42.0, ((Number) attribute(lagName, "Value")).doubleValue());
      lag.set(7);
      assertEquals(7.0, ((Number) attribute(lagName, "Value")).doubleValue());
      // Registering the partition again replaces the supplier.
      t.lag(ssp, () -> 99);
      assertEquals(99.0, ((Number) attribute(lagName, "Value")).doubleValue());

      ObjectName poll = MetricsRegistries.objectName("timers", MeterNames.CONTAINER_POLL, "job", job, "container", "0");
      assertEquals(1L, attribute(poll, "Count"));
      assertEquals(1L, attribute(MetricsRegistries.objectName("meters", MeterNames.CONTAINER_DESERIALIZATION_ERRORS,
          "job", job, "container", "0"), "Count"));
      assertEquals(17.0, ((Number) attribute(MetricsRegistries.objectName("gauges", MeterNames.CONTAINER_BUFFERED,
          "job", job, "container", "0"), "Value")).doubleValue());
      assertEquals("strand", poll.getDomain());
      assertEquals("container.poll", poll.getKeyProperty("name"));

      t.close();
      assertFalse(JMX.isRegistered(lagName), "a closed task's meters are gone");
      assertTrue(JMX.isRegistered(poll));
    } finally {
      registry.close();
    }
    assertTrue(JMX.queryNames(new ObjectName("strand:job=" + job + ",*"), null).isEmpty(),
        "closing the registry unregisters its MBeans");
  }

  @Test
  void aTasksOwnMetersAreMBeansNamedUserWithTheirGroup() throws Exception {
    String job = "jmx-user";
    MeterRegistry registry = MetricsRegistries.create(job, "0");
    try {
      TaskMetrics t = new TaskMetrics(registry, job, "0", new TaskName("Partition 0"));
      String group = "com.example.CountTask";
      t.taskMetricsRegistry().newCounter(group, "messages").inc(3);
      t.taskMetricsRegistry().newCounter(group, "messages").dec();
      t.taskMetricsRegistry().newTimer(group, "lookup-ms").update(4);
      ContainerMetrics c = new ContainerMetrics(registry, job, "0");
      c.containerMetricsRegistry().newGauge(group, "open-files", 12).set(13);

      ObjectName counter = MetricsRegistries.objectName("gauges", MeterNames.user("messages"),
          "job", job, "container", "0", "task", "Partition 0", "group", group);
      assertEquals("user.messages", counter.getKeyProperty("name"));
      assertEquals(group, counter.getKeyProperty("group"));
      assertEquals(2.0, ((Number) attribute(counter, "Value")).doubleValue());
      ObjectName timer = MetricsRegistries.objectName("timers", MeterNames.user("lookup-ms"),
          "job", job, "container", "0", "task", "Partition 0", "group", group);
      assertEquals(1L, attribute(timer, "Count"));
      assertEquals(4.0, (Double) attribute(timer, "Max"), 0.5, "durations in ms");
      ObjectName gauge = MetricsRegistries.objectName("gauges", MeterNames.user("open-files"),
          "job", job, "container", "0", "group", group);
      assertEquals(13.0, ((Number) attribute(gauge, "Value")).doubleValue());

      t.close();
      assertFalse(JMX.isRegistered(counter), "a closed task's own meters are gone");
      assertFalse(JMX.isRegistered(timer));
      assertTrue(JMX.isRegistered(gauge), "the container's stay until the container closes");
    } finally {
      registry.close();
    }
  }

  @Test
  void severalContainersShareAJvmAndARestartedContainerGetsFreshMeters() throws Exception {
    String job = "jmx-two";
    MeterRegistry r0 = MetricsRegistries.create(job, "0");
    MeterRegistry r1 = MetricsRegistries.create(job, "1");
    try {
      new TaskMetrics(r0, job, "0", new TaskName("Partition 0")).messagesProcessed().increment(5);
      new TaskMetrics(r1, job, "1", new TaskName("Partition 1")).messagesProcessed().increment(6);
      assertEquals(5L, attribute(task("meters", MeterNames.TASK_MESSAGES_PROCESSED, job, "0", "Partition 0"), "Count"));
      assertEquals(6L, attribute(task("meters", MeterNames.TASK_MESSAGES_PROCESSED, job, "1", "Partition 1"), "Count"));

      MeterRegistry again = MetricsRegistries.create(job, "0");
      assertTrue(r0.isClosed(), "the previous registry of the same container is closed");
      r0 = again;
      new TaskMetrics(again, job, "0", new TaskName("Partition 0")).messagesProcessed().increment();
      assertEquals(1L, attribute(task("meters", MeterNames.TASK_MESSAGES_PROCESSED, job, "0", "Partition 0"), "Count"));
      assertEquals(6L, attribute(task("meters", MeterNames.TASK_MESSAGES_PROCESSED, job, "1", "Partition 1"), "Count"));
    } finally {
      r0.close();
      r1.close();
    }
  }

  @Test
  void oddCharactersInTagValuesAreQuoted() throws Exception {
    MeterRegistry registry = MetricsRegistries.create("jmx,odd=job", "0");
    try {
      new TaskMetrics(registry, "jmx,odd=job", "0", new TaskName("a:b*c")).messagesProcessed().increment();
      ObjectName name = task("meters", MeterNames.TASK_MESSAGES_PROCESSED, "jmx,odd=job", "0", "a:b*c");
      assertEquals(1L, attribute(name, "Count"));
      assertEquals("jmx,odd=job", ObjectName.unquote(name.getKeyProperty("job")));
    } finally {
      registry.close();
    }
  }
}
