package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.container.runner.JobStatus;
import io.strand.testkit.job.JobTestResult;
import io.strand.testkit.job.JobTestRunner;
import io.strand.testkit.job.TestRecord;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A bounded streams job with a repartition ends by itself: the end of the bounded input travels
 * through the intermediate topic as end-of-stream control records (as Samza's), so the tasks
 * reading it end as well, and the job finishes with exact results.
 */
@RealKafka
class BoundedRepartitionTest {

  @Test
  void aBoundedGroupByJobEndsByItselfWithExactCounts(KafkaCluster kafka) {
    String in = kafka.uniqueTopic("bounded-re-in");
    String out = in + "-out";
    Random random = new Random(15);
    List<TestRecord> input = new ArrayList<>();
    Map<String, Long> truth = new TreeMap<>();
    for (int i = 0; i < 2_000; i++) {
      String word = "w" + random.nextInt(50);
      input.add(TestRecord.at(i % 3, "line" + i, word));
      truth.merge(word, 1L, Long::sum);
    }
    JobTestResult result = JobTestRunner.forApplication(RepartitionApp.class, kafka)
        .config(Map.of("systems.kafka.samza.key.serde", "string", "systems.kafka.samza.msg.serde", "string",
            "test.in", in, "test.out", out))
        .input(in, 3, input)
        .runToEnd(Duration.ofSeconds(120));

    assertEquals(JobStatus.State.SUCCEEDED, result.status().state(), result.status()::toString);
    Map<String, Long> counts = new TreeMap<>();
    result.output(out).forEach(r -> counts.put(r.key(), Long.parseLong(r.value())));
    assertEquals(truth, counts, "the last count of each word is its number of occurrences");
    assertEquals(input.size(), result.output(out).size(), "one update per record");
  }

  @Test
  void windowsOverARepartitionFireAtTheEndOfBoundedInputAndTheJobEnds(KafkaCluster kafka) {
    String a = kafka.uniqueTopic("bounded-win-a");
    String b = kafka.uniqueTopic("bounded-win-b");
    String out = a + "-out";
    JobTestResult result = JobTestRunner.forApplication(TwoSourcesApp.class, kafka)
        .config(Map.of("systems.kafka.samza.key.serde", "string", "systems.kafka.samza.msg.serde", "string",
            "test.a", a, "test.b", b, "test.out", out))
        .input(a, 2, List.of(TestRecord.at(0, "a", "500"), TestRecord.at(0, "a", "700"), TestRecord.at(0, "a", "1500")))
        .input(b, 2, List.of(TestRecord.at(0, "b", "100"), TestRecord.at(1, "c", "1100"), TestRecord.at(1, "c", "1200")))
        .runToEnd(Duration.ofSeconds(120));

    assertEquals(JobStatus.State.SUCCEEDED, result.status().state(), result.status()::toString);
    Map<String, String> merged = new TreeMap<>();
    result.output(out + "-ab").forEach(r -> merged.put(r.key(), r.value()));
    assertEquals(Map.of("a@0/1000", "2", "a@1000/2000", "1", "rb@0/1000", "1", "rc@1000/2000", "2"), merged);
    assertEquals(4, result.output(out + "-ab").size(), "each window once");
  }
}
