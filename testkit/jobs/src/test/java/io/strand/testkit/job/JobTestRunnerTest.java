package io.strand.testkit.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.ConfigException;
import io.strand.container.runner.JobStatus;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

@RealKafka
class JobTestRunnerTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private static JobTestRunner upperCase(KafkaCluster kafka, String input, List<TestRecord> records) {
    return JobTestRunner.forTask(UpperCaseTask.class, kafka)
        .config("systems.kafka.samza.key.serde", "string")
        .config("systems.kafka.samza.msg.serde", "string")
        .input(input, 4, records);
  }

  @Test
  void runsABoundedJobToTheEndAndReadsItsOutput(KafkaCluster kafka) {
    String input = kafka.uniqueTopic("lines");
    List<TestRecord> records = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      records.add(TestRecord.of("k" + i, i % 10 == 0 ? " " : "line " + i));
      if (i % 10 != 0) {
        expected.add("LINE " + i);
      }
    }

    JobTestResult result = upperCase(kafka, input, records).runToEnd(DEADLINE);

    assertEquals(JobStatus.State.SUCCEEDED, result.status().state());
    List<String> out = new ArrayList<>(result.outputValues("upper"));
    out.retainAll(expected);
    assertEquals(expected.size(), out.size(), "every non-blank line is upper-cased exactly once");
    assertTrue(result.outputValues("upper").containsAll(expected));
  }

  @Test
  void runsUntilAConditionHoldsThenStopsTheJob(KafkaCluster kafka) {
    String input = kafka.uniqueTopic("lines");
    JobTestResult result = JobTestRunner.forTask(UpperCaseTask.class, kafka)
        .config("systems.kafka.samza.msg.serde", "string")
        .config("systems.kafka.streams.upper.samza.msg.serde", "string")
        .input(input, 1, List.of(TestRecord.at(0, null, "stop-marker-" + input)))
        .runUntil(r -> r.outputValues("upper").contains("STOP-MARKER-" + input.toUpperCase()), DEADLINE);

    assertEquals(JobStatus.State.KILLED, result.status().state());
  }

  @Test
  void countsWordsInARocksDbStoreAndReadsTheStoreFromItsChangelog(KafkaCluster kafka) {
    String input = kafka.uniqueTopic("text");
    String changelog = kafka.uniqueTopic("counts-changelog");
    List<TestRecord> records = new ArrayList<>();
    Map<String, Long> expected = new TreeMap<>();
    for (int i = 0; i < 300; i++) {
      String line = "w" + (i % 7) + " w" + (i % 11) + " common";
      records.add(TestRecord.of(null, line));
      for (String w : line.split(" ")) {
        expected.merge(w, 1L, Long::sum);
      }
    }

    // One partition: each word is counted by one task, so the changelog holds one count per word.
    JobTestResult result = JobTestRunner.forTask(WordCountTask.class, kafka)
        .config("systems.kafka.samza.msg.serde", "string")
        .config("stores.counts.factory", "io.strand.kv.RocksDbStoreFactory")
        .config("stores.counts.key.serde", "string")
        .config("stores.counts.msg.serde", "string")
        .config("stores.counts.changelog", "kafka." + changelog)
        .input(input, 1, records)
        .runToEnd(DEADLINE);

    assertEquals(JobStatus.State.SUCCEEDED, result.status().state(), result.status()::toString);
    Map<String, String> want = new TreeMap<>();
    expected.forEach((w, n) -> want.put(w, String.valueOf(n)));
    assertEquals(want, new TreeMap<>(result.store("counts")));
    assertEquals("300", result.store("counts").get("common"));
  }

  @Test
  void aBrokenConfigFailsBeforeTheJobStarts(KafkaCluster kafka) {
    ConfigException e = assertThrows(ConfigException.class, () -> upperCase(kafka, kafka.uniqueTopic("in"), List.of())
        .config("task.commit.ms", "soon")
        .runToEnd(DEADLINE));
    assertTrue(e.getMessage().contains("task.commit.ms"), e.getMessage());
  }
}
