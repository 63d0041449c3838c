package io.strand.testkit.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.container.metrics.MeterNames;
import io.strand.container.metrics.MetricsRegistries;
import io.strand.container.runner.JobStatus;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** A task's own meters, on the real broker, read back from JMX with their job, container and task tags. */
@RealKafka
class TaskMetricsJobTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

  /** A meter's JMX attribute, or -1 while the MBean is not there (the container still starting). */
  private static double read(ObjectName name, String attribute) {
    try {
      return ((Number) JMX.getAttribute(name, attribute)).doubleValue();
    } catch (InstanceNotFoundException e) {
      return -1;
    } catch (JMException e) {
      throw new AssertionError("cannot read " + attribute + " of " + name, e);
    }
  }

  private static ObjectName taskMeter(String type, String name, String job, String task) {
    return MetricsRegistries.objectName(type, MeterNames.user(name), "job", job, "container", "0", "task", task,
        "group", MetricsCountTask.GROUP);
  }

  private static Set<ObjectName> jobMBeans(String job) throws JMException {
    return JMX.queryNames(new ObjectName(MetricsRegistries.DOMAIN + ":*"), null).stream()
        .filter(n -> job.equals(n.getKeyProperty("job"))).collect(Collectors.toSet());
  }

  @Test
  void aTaskCountsWithItsOwnCounterAndTheContainerReportsItPerTask(KafkaCluster kafka) throws Exception {
    String input = kafka.uniqueTopic("events");
    String changelog = kafka.uniqueTopic("counts-changelog");
    String job = "task-metrics-" + input;
    List<TestRecord> records = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      records.add(TestRecord.at(0, i % 2 == 0 ? "a" : "b", "v" + i));
    }
    for (int i = 0; i < 5; i++) {
      records.add(TestRecord.at(1, "c", "v" + i));
    }
    ObjectName p0 = taskMeter("gauges", "messages", job, "Partition 0");
    ObjectName p1 = taskMeter("gauges", "messages", job, "Partition 1");
    ObjectName p0Timer = taskMeter("timers", "process-ms", job, "Partition 0");
    ObjectName p1Timer = taskMeter("timers", "process-ms", job, "Partition 1");
    ObjectName container = MetricsRegistries.objectName("gauges", MeterNames.user("container-messages"),
        "job", job, "container", "0", "group", MetricsCountTask.GROUP);
    // Read while the job runs: its meters are removed when its tasks end.
    AtomicReference<Map<String, Double>> seen = new AtomicReference<>();

    JobTestResult result = JobTestRunner.forTask(MetricsCountTask.class, kafka)
        .config("job.name", job)
        .config("systems.kafka.samza.key.serde", "string")
        .config("systems.kafka.samza.msg.serde", "string")
        .config("stores.counts.factory", "io.strand.kv.RocksDbStoreFactory")
        .config("stores.counts.key.serde", "string")
        .config("stores.counts.msg.serde", "integer")
        .config("stores.counts.changelog", "kafka." + changelog)
        .input(input, 2, records)
        .runUntil(r -> {
          Map<String, Double> now = new TreeMap<>(Map.of("p0", read(p0, "Value"), "p1", read(p1, "Value"),
              "p0 timer", read(p0Timer, "Count"), "p1 timer", read(p1Timer, "Count"),
              "container", read(container, "Value")));
          seen.set(now);
          return now.get("p0") + now.get("p1") >= 12 && now.get("container") >= 12
              && now.get("p0 timer") + now.get("p1 timer") >= 12;
        }, DEADLINE);

    assertEquals(JobStatus.State.KILLED, result.status().state(), result.status()::toString);
    assertEquals(Map.of("p0", 7.0, "p1", 5.0, "p0 timer", 7.0, "p1 timer", 5.0, "container", 12.0), seen.get(),
        "each task's counter and timer count its own messages; the container's counts all of them");
    assertEquals(Map.of("a", 4, "b", 3, "c", 5), new TreeMap<>(result.store("counts")),
        "the store typed by Samza's cast holds integer counts");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Set<ObjectName> left = jobMBeans(job);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      left = jobMBeans(job);
    }
    assertEquals(Set.of(), left, "the job's meters are gone once it ended");
  }
}
