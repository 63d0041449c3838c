package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.testkit.job.JobTestResult;
import io.strand.testkit.job.JobTestRunner;
import io.strand.testkit.job.TestRecord;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Session windows keep their open sessions in memory (which sessions a key has, which close when),
 * rebuilt from the store at start: a job stopped with a session open, restarted with a fresh local
 * store directory (everything from the changelog), extends that session with a record within the
 * gap, and the watermark later closes it, once, with every record counted.
 */
@RealKafka
class SessionRestartTest {

  private static final Duration DEADLINE = Duration.ofSeconds(120);

  @Test
  void aSessionOpenAtTheStopIsExtendedAndClosedAfterTheRestart(KafkaCluster kafka) {
    String in = kafka.uniqueTopic("session-restart-in");
    String out = in + "-out";
    Map<String, String> settings = Map.of("job.name", "session-restart-" + in, "test.in", in, "test.out", out,
        "test.kind", "session", "test.gap.ms", "1000", "systems.kafka.samza.key.serde", "string",
        "systems.kafka.samza.msg.serde", "string");

    // k2's session [0, 1) closes at 999, once the watermark is at 4500; k0's [4000, 4501) stays open.
    JobTestResult first = JobTestRunner.forApplication(WindowsApp.class, kafka).config(settings)
        .input(in, 1, List.of(TestRecord.at(0, "k2", "0"), TestRecord.at(0, "k0", "4000"),
            TestRecord.at(0, "k0", "4500")))
        .runUntil(r -> r.output(out).size() >= 1, DEADLINE);
    assertEquals(Map.of("k2@0/1", "1"), latest(first.output(out)));

    // 5200 is within the gap of k0's open session: it joins it; 20000 closes it (and opens k5's).
    kafka.client().produce(in, 0, "k0", "5200");
    kafka.client().produce(in, 0, "k5", "20000");
    JobTestResult second = JobTestRunner.forApplication(WindowsApp.class, kafka).config(settings)
        .runUntil(r -> r.output(out).size() >= 2, DEADLINE);
    List<ConsumerRecord<String, String>> all = second.output(out);
    assertEquals(Map.of("k2@0/1", "1", "k0@4000/5201", "3"), latest(all), "k0's session restored, extended, closed");
    assertEquals(2, all.size(), "each session closed once: " + all);
  }

  private static Map<String, String> latest(List<ConsumerRecord<String, String>> records) {
    Map<String, String> m = new TreeMap<>();
    records.forEach(r -> m.put(r.key(), r.value()));
    return m;
  }
}
