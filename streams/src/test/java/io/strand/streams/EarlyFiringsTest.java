package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.container.runner.JobStatus;
import io.strand.testkit.job.JobTestResult;
import io.strand.testkit.job.JobTestRunner;
import io.strand.testkit.job.TestRecord;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early firings ({@link EmitStrategy#withEarlyFirings}) on out-of-order input against a truth
 * computed here without Strand: early results every N records of a window, one on-time result when
 * the watermark reaches the window's end, a late update per record within the grace, nothing after
 * the close; and the same results after a crash mid-run (the pending early counts come back from
 * the changelog).
 */
@RealKafka
class EarlyFiringsTest {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final long BASE = 1_700_000_000_000L;
  private static final Map<String, String> SETTINGS = Map.of("test.size.ms", "1000", "test.grace.ms", "300",
      "test.ooo.ms", "100", "test.early.records", "3", "systems.kafka.samza.key.serde", "string",
      "systems.kafka.samza.msg.serde", "string");

  @TempDir
  Path dir;

  @Test
  void earlyEveryThreeRecordsThenOnTimeThenLateUpdatesInTheOrderOfTheTruth(KafkaCluster kafka) {
    String in = kafka.uniqueTopic("early-in");
    String out = in + "-out";
    List<long[]> events = events(400, 1);
    JobTestResult result = JobTestRunner.forApplication(EarlyFiringsApp.class, kafka).config(SETTINGS)
        .config("test.in", in).config("test.out", out).input(in, 1, records(events))
        .runToEnd(DEADLINE);

    assertEquals(JobStatus.State.SUCCEEDED, result.status().state(), result.status()::toString);
    List<String> truth = truth(events, 3);
    assertTrue(truth.stream().anyMatch(s -> s.contains("EARLY:")) && truth.stream().anyMatch(s -> s.contains("LATE_UPDATE:")),
        "the input gives early, on-time and late-update firings: " + truth);
    assertEquals(truth, emitted(result, out));
  }

  @Test
  void aCrashMidRunLeavesTheFiringsOfARunWithoutIt(KafkaCluster kafka) {
    String in = kafka.uniqueTopic("early-crash-in");
    String out = in + "-out";
    String jobName = "early-crash-" + in;
    List<long[]> events = events(400, 2);
    Map<String, String> crash = Map.of("job.name", jobName, "test.in", in, "test.out", out, "test.throttle.every", "1", "test.throttle.ms", "4",
        "task.commit.ms", "200", "test.fail.at", "250", "test.fail.once.file", dir.resolve("crashed").toString());

    JobTestResult first = JobTestRunner.forApplication(EarlyFiringsApp.class, kafka).config(SETTINGS).config(crash)
        .input(in, 1, records(events)).runToEnd(DEADLINE);
    assertEquals(JobStatus.State.FAILED, first.status().state(), "the first run crashed at record 250");
    int beforeRestart = first.output(out).size();
    JobTestResult second = JobTestRunner.forApplication(EarlyFiringsApp.class, kafka).config(SETTINGS).config(crash)
        .config("systems.kafka.streams." + in + ".strand.bounded", "true").runToEnd(DEADLINE);
    assertEquals(JobStatus.State.SUCCEEDED, second.status().state(), second.status()::toString);

    List<String> truth = truth(events, 3);
    List<String> emitted = emitted(second, out);
    assertTrue(beforeRestart > 0 && beforeRestart < truth.size(), "the crash came mid-run: " + beforeRestart);
    assertEquals(new HashSet<>(truth), new LinkedHashSet<>(emitted),
        "every firing of the run without a crash, and none other (at least once: repeats allowed)");
  }

  @Test
  void timedEarlyFiringsComeBeforeTheOnTimeResultAndNeverExceedIt(KafkaCluster kafka) {
    String in = kafka.uniqueTopic("early-timed-in");
    String out = in + "-out";
    List<long[]> events = events(400, 3);
    JobTestResult result = JobTestRunner.forApplication(EarlyFiringsApp.class, kafka).config(SETTINGS)
        .config("test.early.records", "0").config("test.early.ms", "150").config("test.throttle.every", "1").config("test.throttle.ms", "3")
        .config("test.in", in).config("test.out", out).input(in, 1, records(events))
        .runToEnd(DEADLINE);

    assertEquals(JobStatus.State.SUCCEEDED, result.status().state(), result.status()::toString);
    List<String> emitted = emitted(result, out);
    List<String> notEarly = emitted.stream().filter(s -> !s.contains(" EARLY:")).toList();
    assertEquals(truth(events, Long.MAX_VALUE), notEarly, "on-time and late updates as without early firings");
    Map<String, Long> onTime = new HashMap<>();
    int early = 0;
    for (String s : emitted) {
      String window = s.substring(0, s.indexOf(' '));
      long value = Long.parseLong(s.substring(s.indexOf(':') + 1));
      if (s.contains(" EARLY:")) {
        early++;
        assertTrue(!onTime.containsKey(window), "early firing after the on-time one: " + s);
      } else if (s.contains(" ON_TIME:")) {
        onTime.put(window, value);
      }
    }
    assertTrue(early > 0, "a run of over 1.2 s with firings every 150 ms fires early: " + emitted);
    for (String s : emitted) {
      if (s.contains(" EARLY:")) {
        String window = s.substring(0, s.indexOf(' '));
        assertTrue(Long.parseLong(s.substring(s.indexOf(':') + 1)) <= onTime.get(window), s);
      }
    }
  }

  /** Out-of-order events of 3 keys (key, time), with some late beyond the grace and some within it. */
  private static List<long[]> events(int n, long seed) {
    Random random = new Random(seed);
    List<long[]> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t = BASE + i * 37L + (random.nextInt(8) == 0 ? -random.nextInt(1500) : random.nextInt(150));
      events.add(new long[] {random.nextInt(3), t});
    }
    return events;
  }

  static List<TestRecord> records(List<long[]> events) {
    return events.stream().map(e -> TestRecord.at(0, "k" + e[0], Long.toString(e[1]))).toList();
  }

  static List<String> emitted(JobTestResult result, String out) {
    List<String> emitted = new ArrayList<>();
    for (ConsumerRecord<String, String> r : result.output(out)) {
      emitted.add(r.key() + " " + r.value());
    }
    return emitted;
  }

  /**
   * The firings in order, from the events in arrival order: the watermark before a record is the
   * highest time so far minus the out-of-orderness; windows reaching their end fire on time in
   * order of (end, key); the end of input fires the rest.
   */
  private static List<String> truth(List<long[]> events, long every) {
    long size = 1000;
    long grace = 300;
    long ooo = 100;
    List<String> out = new ArrayList<>();
    Map<String, Long> counts = new HashMap<>();
    Map<String, Long> pending = new HashMap<>();
    TreeMap<String, long[]> onTimeDue = new TreeMap<>(); // "<end>|<key>" -> [start, end]
    Map<String, Long> closeAt = new LinkedHashMap<>();
    long max = Long.MIN_VALUE;
    for (long[] e : events) {
      String key = "k" + e[0];
      long t = e[1];
      long wm = max == Long.MIN_VALUE ? Long.MIN_VALUE : max - ooo;
      long start = Math.floorDiv(t, size) * size;
      long end = start + size;
      String w = key + "@" + start + "/" + end;
      if (end + grace > wm) {
        long c = counts.merge(w, 1L, Long::sum);
        closeAt.put(w, end + grace);
        if (end > wm) {
          onTimeDue.put(end + "|" + key, new long[] {start, end});
          if (pending.merge(w, 1L, Long::sum) >= every) {
            out.add(w + " EARLY:" + c);
            pending.remove(w);
          }
        } else {
          out.add(w + " LATE_UPDATE:" + c);
        }
      }
      max = Math.max(max, t);
      fire(max - ooo, onTimeDue, counts, pending, out);
      long newWm = max - ooo;
      closeAt.entrySet().removeIf(c -> {
        if (c.getValue() <= newWm) {
          counts.remove(c.getKey());
          return true;
        }
        return false;
      });
    }
    fire(Long.MAX_VALUE, onTimeDue, counts, pending, out);
    return out;
  }

  private static void fire(long wm, TreeMap<String, long[]> onTimeDue, Map<String, Long> counts,
      Map<String, Long> pending, List<String> out) {
    for (var it = onTimeDue.entrySet().iterator(); it.hasNext(); ) {
      var due = it.next();
      long[] window = due.getValue();
      if (window[1] > wm) {
        break; // keys "<end>|" of one width: the TreeMap is in end order
      }
      String key = due.getKey().substring(due.getKey().indexOf('|') + 1);
      String w = key + "@" + window[0] + "/" + window[1];
      out.add(w + " ON_TIME:" + counts.get(w));
      pending.remove(w);
      it.remove();
    }
  }
}
