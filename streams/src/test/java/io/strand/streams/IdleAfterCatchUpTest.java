package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.testkit.job.JobTestResult;
import io.strand.testkit.job.JobTestRunner;
import io.strand.testkit.job.TestRecord;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A partition counts as idle only once it has caught up. One task reads three inputs merged into
 * 1 s window counts, with a 1 s idle timeout: A has a backlog of 200 records (event times 0 to
 * 19.9 s) read first ({@code samza.priority} 1) and slowly (10 ms a record, so 2 s); B has 10
 * records in the first window and one at 5 s, all waiting behind A's; C is empty from the start.
 * B's records wait well past the idle timeout without reaching the task, but B has a lag, so it is
 * not idle and the watermark cannot pass them: none is late and the first window counts A's 10 and
 * B's 10. C, caught up from the start, does turn idle, or no window would ever close. (Before
 * idleness waited for catch-up, B was idle after 1 s, the watermark followed A to 10 s and B's
 * records were all late.) About 6 s.
 */
@RealKafka
class IdleAfterCatchUpTest {

  @Test
  void aBackloggedInputIsNotIdleWhileAnEmptyOneIs(KafkaCluster kafka) {
    String a = kafka.uniqueTopic("catch-up-a");
    String b = a + "-b";
    String c = a + "-c";
    String out = a + "-out";
    kafka.client().createTopic(out, 1);
    kafka.client().createTopic(out + "-late", 1);
    List<TestRecord> aRecords = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      aRecords.add(TestRecord.at(0, "k", Long.toString(i * 100L)));
    }
    List<TestRecord> bRecords = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      bRecords.add(TestRecord.at(0, "k", Long.toString(50 + i * 100L)));
    }
    bRecords.add(TestRecord.at(0, "k", "5000"));
    long started = System.nanoTime();
    JobTestResult result = JobTestRunner.forApplication(IdleInputsApp.class, kafka)
        .config(Map.of("systems.kafka.samza.key.serde", "string", "systems.kafka.samza.msg.serde", "string",
            "systems.kafka.streams." + a + ".samza.priority", "1",
            StreamsConfig.WATERMARK_IDLE_TIMEOUT_MS, "1000",
            "test.a", a, "test.b", b, "test.c", c, "test.out", out, "test.throttle.every", "1",
            "test.throttle.ms", "10"))
        .input(a, 1, aRecords)
        .input(b, 1, bRecords)
        .input(c, 1, List.of())
        .runUntil(r -> r.output(out).stream().anyMatch(o -> o.key().equals("k@0/1000")), Duration.ofSeconds(60));

    assertEquals(List.of(), result.outputValues(out + "-late"), "no record of B is late");
    assertEquals("20", result.output(out).stream().filter(o -> o.key().equals("k@0/1000")).findFirst().orElseThrow()
        .value(), "the first window counts A's 10 records and B's 10");
    System.out.printf("IdleAfterCatchUpTest: %d ms%n", (System.nanoTime() - started) / 1_000_000);
  }
}
