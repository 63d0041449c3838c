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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A join's buffers hold their live records in memory and give them to the store as deferred puts
 * (the store's changelog gets them at a commit): a job stopped with left records buffered,
 * restarted with a fresh local store directory (everything from the changelog), joins them with
 * right records that arrive after the restart, each pair once.
 */
@RealKafka
class StreamJoinRestartTest {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final long BASE = 1_700_000_000_000L;

  @Test
  void recordsBufferedAtTheStopAreMetByRecordsAfterTheRestart(KafkaCluster kafka) {
    String in = kafka.uniqueTopic("join-restart-in");
    String out = in + "-out";
    Map<String, String> settings = Map.of("job.name", "join-restart-" + in, "test.in", in, "test.out", out,
        "test.join", "inner", "test.before.ms", "500", "test.after.ms", "500", "test.grace.ms", "60000",
        "systems.kafka.samza.key.serde", "string", "systems.kafka.samza.msg.serde", "string");

    // a1 and a2 wait in the left buffer; x+y is the pair that says the first run got that far.
    JobTestResult first = JobTestRunner.forApplication(JoinApp.class, kafka).config(settings)
        .input(in, 1, List.of(at("k0", "L|a1", 1_000), at("k1", "L|a2", 1_100), at("k9", "L|x", 1_050),
            at("k9", "R|y", 1_060)))
        .runUntil(r -> r.output(out).size() >= 1, DEADLINE);
    assertEquals(List.of("x+y"), values(first.output(out)));

    kafka.client().produce(in, 0, "k0", "R|b1|" + (BASE + 1_200));
    kafka.client().produce(in, 0, "k1", "R|b2|" + (BASE + 1_150));
    kafka.client().produce(in, 0, "k0", "R|c|" + (BASE + 1_400));
    kafka.client().produce(in, 0, "k1", "R|far|" + (BASE + 1_700)); // 600 ms after a2: outside its window
    JobTestResult second = JobTestRunner.forApplication(JoinApp.class, kafka).config(settings)
        .runUntil(r -> r.output(out).size() >= 4, DEADLINE);
    List<String> all = values(second.output(out));
    assertEquals(List.of("a1+b1", "a1+c", "a2+b2", "x+y"), all.stream().sorted().toList(),
        "the buffered left records restored and met, each pair once: " + all);
  }

  private static TestRecord at(String key, String sideAndId, long t) {
    return TestRecord.at(0, key, sideAndId + "|" + (BASE + t));
  }

  private static List<String> values(List<ConsumerRecord<String, String>> records) {
    List<String> values = new ArrayList<>();
    records.forEach(r -> values.add(r.value()));
    return values;
  }
}
