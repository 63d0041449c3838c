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
import org.junit.jupiter.api.Test;

/**
 * Repartitions honor the serdes of {@code Consumed} (inherited through type-keeping operators) and
 * of {@code Repartitioned}: values of a type the system's string serde cannot write cross the
 * intermediate topics intact (see {@link ConsumedSerdesApp}).
 */
@RealKafka
class RepartitionSerdesTest {

  @Test
  void repartitionsWriteWithTheConsumedOrRepartitionedSerdes(KafkaCluster kafka) {
    String in = kafka.uniqueTopic("serdes-in");
    String out = in + "-out";
    // The input holds each word reversed: ReadingSerde reads "olleh" as Reading("hello").
    List<String> words = List.of("hello", "", "stream", "ab", "world", "strand", "cd");
    List<TestRecord> input = words.stream()
        .map(w -> TestRecord.at(0, "k", new StringBuilder(w).reverse().toString())).toList();
    JobTestResult result = JobTestRunner.forApplication(ConsumedSerdesApp.class, kafka)
        .config(Map.of("systems.kafka.samza.key.serde", "string", "systems.kafka.samza.msg.serde", "string",
            "test.in", in, "test.out", out))
        .input(in, 2, input)
        .runUntil(r -> r.output(out + "-kept").size() >= 6 && r.output(out + "-mapped").size() >= 7
            && r.output(out + "-longest").size() >= 7, Duration.ofSeconds(120));

    assertEquals(List.of("hello", "stream", "ab", "world", "strand", "cd"), result.outputValues(out + "-kept"));
    assertEquals(List.of("HELLO", "", "STREAM", "AB", "WORLD", "STRAND", "CD"), result.outputValues(out + "-mapped"));
    Map<String, String> longest = new TreeMap<>();
    result.output(out + "-longest").forEach(r -> longest.put(r.key(), r.value()));
    assertEquals(Map.of("0", "", "2", "cd", "5", "world", "6", "stream"), longest);
  }
}
