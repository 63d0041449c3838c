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
import org.junit.jupiter.api.Test;

/**
 * Watermarks are per operator: in one task reading stream A, stream B and B's repartition topic,
 * the windows fed by A alone close on A's watermark while B (one record at 100 ms, never idle
 * within the run) holds back the task's minimum, and with it the windows of A merged with B.
 * With one watermark per task, A's windows would wait for B as well.
 */
@RealKafka
class WatermarkPerOperatorTest {

  @Test
  void anOperatorFedOnlyByAIsNotHeldBackByB(KafkaCluster kafka) {
    String a = kafka.uniqueTopic("per-op-a");
    String b = kafka.uniqueTopic("per-op-b");
    String out = a + "-out";
    kafka.client().createTopic(out + "-ab", 1); // polled below before anything is written to it
    JobTestResult result = JobTestRunner.forApplication(TwoSourcesApp.class, kafka)
        .config(Map.of("systems.kafka.samza.key.serde", "string", "systems.kafka.samza.msg.serde", "string",
            "streams.watermark.idle.timeout.ms", "600000", "test.a", a, "test.b", b, "test.out", out))
        .input(a, 1, List.of(TestRecord.at(0, "a", "500"), TestRecord.at(0, "a", "1500"), TestRecord.at(0, "a", "2500")))
        .input(b, 1, List.of(TestRecord.at(0, "b", "100")))
        .runUntil(r -> r.output(out + "-a").size() >= 2, Duration.ofSeconds(120));

    assertEquals(List.of("a@0/1000", "a@1000/2000"), result.output(out + "-a").stream().map(r -> r.key()).toList(),
        "A's windows closed on A's watermark (2500), though the task's minimum is B's 100");
    assertEquals(List.of("1", "1"), result.outputValues(out + "-a"));
    assertEquals(List.of(), result.outputValues(out + "-ab"), "the merge of A and B is held back by B");
  }
}
