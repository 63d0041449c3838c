package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.container.runner.JobStatus;
import io.strand.testkit.job.JobTestResult;
import io.strand.testkit.job.JobTestRunner;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Early firings on session windows, on out-of-order input against a truth computed here without
 * Strand: early results every N records added to a session (merged sessions' records count too),
 * one on-time result when the watermark reaches the session's last record plus the gap, a late
 * update of the merged session for each record within the grace, nothing after the close.
 */
@RealKafka
class SessionEarlyFiringsTest {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final long BASE = 1_700_000_000_000L;
  private static final long GAP = 200;
  private static final long GRACE = 300;
  private static final long OOO = 100;
  private static final long EVERY = 3;

  @Test
  void earlyEveryThreeRecordsThenOnTimeThenLateUpdatesInTheOrderOfTheTruth(KafkaCluster kafka) {
    String in = kafka.uniqueTopic("session-early-in");
    String out = in + "-out";
    List<long[]> events = events(500, 7);
    JobTestResult result = JobTestRunner.forApplication(EarlyFiringsApp.class, kafka)
        .config(Map.of("test.gap.ms", Long.toString(GAP), "test.grace.ms", Long.toString(GRACE), "test.ooo.ms",
            Long.toString(OOO), "test.early.records", Long.toString(EVERY), "systems.kafka.samza.key.serde", "string",
            "systems.kafka.samza.msg.serde", "string"))
        .config("test.in", in).config("test.out", out).input(in, 1, EarlyFiringsTest.records(events))
        .runToEnd(DEADLINE);

    assertEquals(JobStatus.State.SUCCEEDED, result.status().state(), result.status()::toString);
    List<String> truth = truth(events);
    for (String kind : List.of(" EARLY:", " ON_TIME:", " LATE_UPDATE:")) {
      assertTrue(truth.stream().anyMatch(s -> s.contains(kind)), "the input gives" + kind + " firings: " + truth);
    }
    assertEquals(truth, EarlyFiringsTest.emitted(result, out));
  }

  /**
   * Out-of-order events of 3 keys (key, time): bursts with a pause longer than the gap every 25
   * records (so sessions end), some records late beyond the grace and some within it (they merge).
   */
  private static List<long[]> events(int n, long seed) {
    Random random = new Random(seed);
    List<long[]> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t = BASE + i * 37L + (i / 25) * 500L + (random.nextInt(8) == 0 ? -random.nextInt(900) : random.nextInt(60));
      events.add(new long[] {random.nextInt(3), t});
    }
    return events;
  }

  /** One session of the truth: [start, end) with end = last record + 1. */
  private static final class Session {
    final String key;
    final long start;
    final long end;
    long count;
    long pending;
    boolean firedOnTime;

    Session(String key, long start, long end) {
      this.key = key;
      this.start = start;
      this.end = end;
    }

    long onTimeAt() {
      return end - 1 + GAP;
    }

    long due() {
      return firedOnTime ? onTimeAt() + GRACE : onTimeAt();
    }

    String name() {
      return key + "@" + start + "/" + end;
    }
  }

  /**
   * The firings in order, from the events in arrival order: the watermark before a record is the
   * highest time so far minus the out-of-orderness; a record joins every session of its key with
   * {@code start - gap <= t < end + gap}; sessions due (on time, or closing) fire in order of (due
   * time, key, start); the end of input fires the rest.
   */
  private static List<String> truth(List<long[]> events) {
    List<String> out = new ArrayList<>();
    List<Session> sessions = new ArrayList<>();
    long max = Long.MIN_VALUE;
    for (long[] e : events) {
      String key = "k" + e[0];
      long t = e[1];
      long wm = max == Long.MIN_VALUE ? Long.MIN_VALUE : max - OOO;
      List<Session> joined = sessions.stream()
          .filter(s -> s.key.equals(key) && s.start - GAP <= t && t < s.end + GAP).toList();
      long start = Math.min(t, joined.stream().mapToLong(s -> s.start).min().orElse(t));
      long end = Math.max(t + 1, joined.stream().mapToLong(s -> s.end).max().orElse(t + 1));
      Session merged = new Session(key, start, end);
      if (merged.onTimeAt() + GRACE > wm) { // else late: dropped
        sessions.removeAll(joined);
        merged.count = 1 + joined.stream().mapToLong(s -> s.count).sum();
        merged.pending = 1 + joined.stream().mapToLong(s -> s.pending).sum();
        sessions.add(merged);
        if (merged.onTimeAt() <= wm) {
          merged.firedOnTime = true;
          merged.pending = 0;
          out.add(merged.name() + " LATE_UPDATE:" + merged.count);
        } else if (merged.pending >= EVERY) {
          merged.pending = 0;
          out.add(merged.name() + " EARLY:" + merged.count);
        }
      }
      max = Math.max(max, t);
      fire(max - OOO, sessions, out);
    }
    fire(Long.MAX_VALUE, sessions, out);
    return out;
  }

  private static void fire(long wm, List<Session> sessions, List<String> out) {
    List<Session> due = sessions.stream().filter(s -> s.due() <= wm)
        .sorted(Comparator.comparingLong(Session::due).thenComparing(s -> s.key).thenComparingLong(s -> s.start))
        .toList();
    for (Session s : due) {
      if (!s.firedOnTime) {
        out.add(s.name() + " ON_TIME:" + s.count);
        s.firedOnTime = true;
        s.pending = 0;
      }
      if (s.onTimeAt() + GRACE <= wm) {
        sessions.remove(s);
      }
    }
  }
}
