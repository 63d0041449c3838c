package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.testkit.job.JobTestResult;
import io.strand.testkit.job.JobTestRunner;
import io.strand.testkit.job.TestRecord;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Streams applications run end to end on the real broker through {@code JobTestRunner.forApplication}. */
@RealKafka
class StreamsJobTest {

  private static final Duration DEADLINE = Duration.ofSeconds(120);

  private static Map<String, String> serdes() {
    return Map.of("systems.kafka.samza.key.serde", "string", "systems.kafka.samza.msg.serde", "string");
  }

  @Test
  void everyStatelessOperatorAndAKeyedCountGiveTheirExactOutputs(KafkaCluster kafka) {
    String in = kafka.uniqueTopic("ops-in");
    String out = in + "-out";
    List<TestRecord> input = List.of(TestRecord.at(0, "k1", "to be or"), TestRecord.at(0, "k2", "# comment"),
        TestRecord.at(0, "k1", "not to be"), TestRecord.at(0, "k3", "question whether"));
    JobTestResult result = JobTestRunner.forApplication(OperatorsApp.class, kafka).config(serdes())
        .config("test.in", in).config("test.out", out).input(in, 1, input)
        .runUntil(r -> r.output(out + "-counts").size() >= 10, DEADLINE);

    assertEquals(List.of("TO BE OR", "NOT TO BE", "QUESTION WHETHER"), result.outputValues(out + "-filtered"));
    assertEquals(List.of("# comment"), result.outputValues(out + "-comments"));
    List<String> words = List.of("to", "be", "or", "#", "comment", "not", "to", "be", "question", "whether");
    assertEquals(words, result.output(out + "-swapped").stream().map(ConsumerRecord::key).toList());
    assertEquals(List.of("k1", "k1", "k1", "k2", "k2", "k1", "k1", "k1", "k3", "k3"),
        result.output(out + "-swapped").stream().map(ConsumerRecord::value).toList());
    List<String> doubled = new ArrayList<>();
    words.forEach(w -> { doubled.add(w); doubled.add(w + "!"); });
    assertEquals(doubled, result.outputValues(out + "-doubled"));
    assertEquals(List.of("to", "be", "or", "#", "comment", "to", "be", "question", "whether"),
        result.outputValues(out + "-short-or-long"));
    assertEquals(List.of("not"), result.outputValues(out + "-medium"));
    Map<String, String> counts = new TreeMap<>();
    result.output(out + "-counts").forEach(r -> counts.put(r.key(), r.value()));
    assertEquals(Map.of("to", "2", "be", "2", "or", "1", "#", "1", "comment", "1", "not", "1", "question", "1",
        "whether", "1"), counts);
    assertEquals(List.of("1", "1", "1", "1", "1", "1", "2", "2", "1", "1"), result.outputValues(out + "-counts"),
        "one update per word, in order");
  }

  @Test
  void groupByRepartitionsAcrossTwoContainersSoEachWordIsCountedInOneTask(KafkaCluster kafka) {
    String in = kafka.uniqueTopic("rep-in");
    String out = in + "-out";
    Random random = new Random(7);
    List<TestRecord> input = new ArrayList<>();
    Map<String, Integer> truth = new TreeMap<>();
    String[] vocabulary = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta"};
    for (int i = 0; i < 200; i++) {
      String word = vocabulary[random.nextInt(vocabulary.length)];
      input.add(TestRecord.at(i % 4, "line-" + i, word));
      truth.merge(word, 1, Integer::sum);
    }
    JobTestResult result = JobTestRunner.forApplication(RepartitionApp.class, kafka).config(serdes())
        .config("test.in", in).config("test.out", out).config("job.container.count", "2").input(in, 4, input)
        .runUntil(r -> latest(r, out).equals(asStrings(truth)), DEADLINE);

    assertEquals(asStrings(truth), latest(result, out));
    assertEquals(200, result.output(out).size(), "one update per record");
    String topic = result.config().get("job.name").orElseThrow() + "-1-by-word-repartition";
    assertTrue(kafka.client().readAllBytes(topic).size() >= 200, "the intermediate topic holds every record");
  }

  @Test
  void tumblingWindowsOnOutOfOrderInputEqualTheTruthAndLateRecordsGoToTheSideOutput(KafkaCluster kafka) {
    runWindows(kafka, "time", Map.of("test.size.ms", "1000", "test.grace.ms", "500", "test.ooo.ms", "200"));
  }

  @Test
  void hoppingWindowsOnOutOfOrderInputEqualTheTruth(KafkaCluster kafka) {
    runWindows(kafka, "time", Map.of("test.size.ms", "1000", "test.advance.ms", "250", "test.grace.ms", "300",
        "test.ooo.ms", "100"));
  }

  @Test
  void sessionWindowsOnOutOfOrderInputEqualTheTruth(KafkaCluster kafka) {
    runWindows(kafka, "session", Map.of("test.gap.ms", "400", "test.grace.ms", "300", "test.ooo.ms", "100"));
  }

  @Test
  void countWindowsEmitEveryNRecordsPerKey(KafkaCluster kafka) {
    runWindows(kafka, "count", Map.of("test.count", "7"));
  }

  private static void runWindows(KafkaCluster kafka, String kind, Map<String, String> settings) {
    String in = kafka.uniqueTopic("win-" + kind + "-in");
    String out = in + "-out";
    List<TestRecord> input = new ArrayList<>();
    List<long[]> events = new ArrayList<>(); // key index, time
    Random random = new Random(kind.hashCode() + settings.hashCode());
    long base = 1_700_000_000_000L;
    for (int i = 0; i < 400; i++) {
      long t = base + i * 37L + (random.nextInt(10) == 0 ? -random.nextInt(3000) : random.nextInt(150));
      int key = random.nextInt(3);
      events.add(new long[] {key, t});
      input.add(TestRecord.at(0, "k" + key, Long.toString(t)));
    }
    Truth truth = Truth.of(kind, settings, events);
    if (!"count".equals(kind)) {
      input.add(TestRecord.at(0, "flush", Long.toString(base + 10_000_000L)));
    }
    JobTestResult result = JobTestRunner.forApplication(WindowsApp.class, kafka).config(serdes())
        .config("test.in", in).config("test.out", out).config("test.kind", kind).config(settings)
        .input(in, 1, input)
        .runUntil(r -> r.output(out).size() >= truth.windows.size()
            && (truth.late.isEmpty() || r.output(out + "-late").size() >= truth.late.size()), DEADLINE);

    Map<String, String> emitted = new TreeMap<>();
    result.output(out).forEach(r -> emitted.put(r.key(), r.value()));
    assertEquals(truth.windows, emitted);
    assertEquals(truth.windows.size(), result.output(out).size(), "each window emitted once");
    if (!"count".equals(kind)) {
      assertTrue(!truth.late.isEmpty(), "the input has late records");
      assertEquals(truth.late, result.outputValues(out + "-late"));
    } else {
      assertTrue(truth.late.isEmpty(), "count windows have no late records");
    }
  }

  /** The expected results, computed from the events in arrival order without Strand. */
  private record Truth(Map<String, String> windows, List<String> late) {

    static Truth of(String kind, Map<String, String> s, List<long[]> events) {
      long grace = Long.parseLong(s.getOrDefault("test.grace.ms", "0"));
      long ooo = Long.parseLong(s.getOrDefault("test.ooo.ms", "0"));
      Map<String, Long> counts = new TreeMap<>();
      List<String> late = new ArrayList<>();
      long max = Long.MIN_VALUE;
      Map<Integer, List<long[]>> sessions = new LinkedHashMap<>(); // start, last, count
      Map<Integer, long[]> countWindows = new LinkedHashMap<>(); // count, first, last
      for (long[] e : events) {
        int key = (int) e[0];
        long t = e[1];
        long wm = max == Long.MIN_VALUE ? Long.MIN_VALUE : max - ooo;
        switch (kind) {
          case "time" -> {
            long size = Long.parseLong(s.get("test.size.ms"));
            long advance = Long.parseLong(s.getOrDefault("test.advance.ms", s.get("test.size.ms")));
            boolean taken = false;
            for (long start = Math.floorDiv(t - size + advance, advance) * advance; start <= t; start += advance) {
              if (start + size > t && start + size + grace > wm) {
                taken = true;
                counts.merge("k" + key + "@" + start + "/" + (start + size), 1L, Long::sum);
              }
            }
            if (!taken) {
              late.add(Long.toString(t));
            }
          }
          case "session" -> {
            long gap = Long.parseLong(s.get("test.gap.ms"));
            List<long[]> mine = sessions.computeIfAbsent(key, k -> new ArrayList<>());
            long start = t;
            long last = t;
            long n = 1;
            List<long[]> joined = new ArrayList<>();
            for (long[] session : mine) {
              if (session[0] - gap <= t && t < session[1] + 1 + gap) {
                joined.add(session);
                start = Math.min(start, session[0]);
                last = Math.max(last, session[1]);
                n += session[2];
              }
            }
            if (last + gap + grace <= wm) {
              late.add(Long.toString(t));
            } else {
              mine.removeAll(joined);
              mine.add(new long[] {start, last, n});
            }
          }
          default -> {
            long size = Long.parseLong(s.get("test.count"));
            long[] w = countWindows.computeIfAbsent(key, k -> new long[] {0, t, t});
            w[0]++;
            w[1] = Math.min(w[1], t);
            w[2] = Math.max(w[2], t);
            if (w[0] == size) {
              counts.put("k" + key + "@" + w[1] + "/" + (w[2] + 1), size);
              countWindows.remove(key);
            }
          }
        }
        // Sessions close as the watermark passes them; a closed session is never joined again.
        if ("session".equals(kind)) {
          long gap = Long.parseLong(s.get("test.gap.ms"));
          max = Math.max(max, t);
          long now = max - ooo;
          for (Map.Entry<Integer, List<long[]>> entry : sessions.entrySet()) {
            entry.getValue().removeIf(session -> {
              if (session[1] + gap + grace <= now) {
                counts.put("k" + entry.getKey() + "@" + session[0] + "/" + (session[1] + 1), session[2]);
                return true;
              }
              return false;
            });
          }
        } else {
          max = Math.max(max, t);
        }
      }
      if ("session".equals(kind)) {
        sessions.forEach((key, list) -> list.forEach(session ->
            counts.put("k" + key + "@" + session[0] + "/" + (session[1] + 1), session[2])));
      }
      Map<String, String> windows = new TreeMap<>();
      counts.forEach((k, v) -> windows.put(k, Long.toString(v)));
      return new Truth(windows, late);
    }
  }

  private static Map<String, String> latest(JobTestResult result, String topic) {
    Map<String, String> latest = new TreeMap<>();
    result.output(topic).forEach(r -> latest.put(r.key(), r.value()));
    return latest;
  }

  private static Map<String, String> asStrings(Map<String, Integer> counts) {
    Map<String, String> strings = new TreeMap<>();
    counts.forEach((k, v) -> strings.put(k, Integer.toString(v)));
    return strings;
  }
}
