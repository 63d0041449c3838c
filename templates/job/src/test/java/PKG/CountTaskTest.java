package __PACKAGE__;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.container.runner.JobStatus;
import io.strand.testkit.job.JobTestResult;
import io.strand.testkit.job.JobTestRunner;
import io.strand.testkit.job.TestRecord;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Runs the job from its own properties file against a real (embedded) Kafka broker. */
@RealKafka
class CountTaskTest {

  @Test
  void countsEveryKeyAndSendsEachRunningCountOnce(KafkaCluster kafka) throws IOException {
    List<TestRecord> events = new ArrayList<>();
    Map<String, Long> expected = new TreeMap<>();
    for (int i = 0; i < 300; i++) {
      String key = "user-" + (i * 7 % 11);
      events.add(TestRecord.of(key, "event " + i));
      expected.merge(key, 1L, Long::sum);
    }

    Map<String, String> config = jobProperties();
    // The runner supplies these for the test: its broker, a job name, the input topic.
    config.remove("systems.kafka.producer.bootstrap.servers");
    config.remove("job.name");
    config.remove("task.inputs");
    JobTestResult result = JobTestRunner.forTask(CountTask.class, kafka)
        .config(config)
        .input("events", 2, events)
        .runToEnd(Duration.ofSeconds(90));

    assertEquals(JobStatus.State.SUCCEEDED, result.status().state(), result.status()::toString);
    assertEquals(expected, toLongs(result.store("counts")));
    // One output per input; per key the counts run 1, 2, 3, ... in order.
    Map<String, Long> last = new HashMap<>();
    List<ConsumerRecord<String, String>> outputs = result.output("counts");
    assertEquals(events.size(), outputs.size());
    for (ConsumerRecord<String, String> r : outputs) {
      long count = Long.parseLong(r.value());
      assertEquals(last.getOrDefault(r.key(), 0L) + 1, count, () -> "count of " + r.key());
      last.put(r.key(), count);
    }
    assertEquals(expected, new TreeMap<>(last));
  }

  private static Map<String, String> jobProperties() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = CountTaskTest.class.getResourceAsStream("/job.properties")) {
      properties.load(in);
    }
    Map<String, String> config = new TreeMap<>();
    properties.stringPropertyNames().forEach(k -> config.put(k, properties.getProperty(k)));
    return config;
  }

  private static Map<String, Long> toLongs(Map<Object, Object> store) {
    Map<String, Long> counts = new TreeMap<>();
    store.forEach((k, v) -> counts.put((String) k, (Long) v));
    return counts;
  }
}
