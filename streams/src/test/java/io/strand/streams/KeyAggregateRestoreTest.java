package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.testkit.job.JobTestResult;
import io.strand.testkit.job.JobTestRunner;
import io.strand.testkit.job.TestRecord;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A per-key aggregate stays an object in its store's cache and is serialized only when the cache
 * writes it down: under exactly-once, with commits every 50 ms and an aggregator that changes its
 * aggregate in place ({@link InPlaceAggregateApp}), every committed changelog value of a key is
 * the aggregate as of a commit (a prefix of the key's final value, growing, the last one the
 * final value), and a restart with an empty local store (everything from the changelog) goes on
 * from there.
 */
@RealKafka
class KeyAggregateRestoreTest {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final int KEYS = 4;

  @Test
  void theChangelogHoldsEachCommitsAggregateAndARestartGoesOnFromIt(KafkaCluster kafka) {
    String in = kafka.uniqueTopic("key-aggregate-in");
    String out = in + "-out";
    String job = "key-aggregate-" + in;
    Map<String, String> settings = Map.of("job.name", job, "test.in", in, "test.out", out,
        "task.delivery.guarantee", "exactly-once", "task.commit.ms", "50");
    Map<String, StringBuilder> truth = new TreeMap<>();
    List<TestRecord> first = records(0, 200, truth);
    JobTestRunner.forApplication(InPlaceAggregateApp.class, kafka).config(settings).input(in, 2, first)
        .runUntil(r -> r.output(out).size() >= first.size(), DEADLINE);

    Map<String, List<String>> logged = changelog(kafka, job + "-1-joined-changelog");
    assertEquals(truth.keySet(), logged.keySet());
    for (var e : logged.entrySet()) {
      String last = truth.get(e.getKey()).toString();
      List<String> values = e.getValue();
      assertEquals(last, values.get(values.size() - 1), "the last committed value of " + e.getKey());
      for (int i = 0; i < values.size(); i++) {
        assertTrue(last.startsWith(values.get(i)) && (i == 0 || values.get(i).length() > values.get(i - 1).length()),
            "changelog value " + i + " of " + e.getKey() + " is an earlier aggregate: " + values.get(i));
      }
    }

    List<TestRecord> second = records(200, 100, truth);
    kafka.client().produce(second.stream()
        .map(r -> new ProducerRecord<>(in, r.partition(), r.key(), r.value())).toList());
    JobTestResult after = JobTestRunner.forApplication(InPlaceAggregateApp.class, kafka).config(settings)
        .runUntil(r -> r.output(out).size() >= first.size() + second.size(), DEADLINE);
    Map<String, String> latest = new TreeMap<>();
    after.output(out).forEach(r -> latest.put(r.key(), r.value()));
    Map<String, String> expected = new TreeMap<>();
    truth.forEach((k, v) -> expected.put(k, v.toString()));
    assertEquals(expected, latest, "the restored aggregates went on");
    assertEquals(first.size() + second.size(), after.output(out).size(), "one update per record, exactly once");
  }

  private static List<TestRecord> records(int from, int count, Map<String, StringBuilder> truth) {
    List<TestRecord> records = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      String key = "k" + (i % KEYS);
      String value = "v" + i;
      records.add(TestRecord.at(i % 2, key, value));
      StringBuilder joined = truth.computeIfAbsent(key, k -> new StringBuilder());
      joined.append(joined.isEmpty() ? "" : " ").append(value);
    }
    return records;
  }

  /** Each key's committed changelog values in order (store keys {@code ['d'][len][key]}; the signature skipped). */
  private static Map<String, List<String>> changelog(KafkaCluster kafka, String topic) {
    Map<String, List<String>> values = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAllBytes(topic)) {
      if (r.key()[0] != 'd') {
        continue;
      }
      String key = new String(Arrays.copyOfRange(r.key(), 5, r.key().length), StandardCharsets.UTF_8);
      values.computeIfAbsent(key, k -> new ArrayList<>()).add(new String(r.value(), StandardCharsets.UTF_8));
    }
    return values;
  }
}
