package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.application.ApplicationLoader;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.testkit.job.ProcessJobKills;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.TestJobConfigs;
import io.strand.testkit.kill.KillThrottle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Join state after repeated SIGKILL: {@link JoinApp}'s outer join of two topics of 4 partitions
 * (100,000 records each, out of order within the out-of-orderness, so no record is late however the
 * topics interleave and the output of any run without kills is the truth computed here), in process
 * mode with two containers SIGKILLed three times at random points (the app sleeps 10 ms every 200
 * records, so the kills land mid-run on a fast machine). In exactly-once mode the output equals the
 * truth record for record (each pair and each unmatched record once); at least once, it equals the
 * truth after de-duplication (every output record is in the truth, every truth record is output).
 *
 * <p>The idle timeout is the default 30 s: a restarted task on a loaded machine may fetch one input
 * for 30 s before the other's first records arrive, but the other has a lag, so it does not count as
 * idle and the watermark does not pass its records (before idleness waited for catch-up, a run saw a
 * few records on the late side outputs and the test needed a 10 min timeout).
 */
@RealKafka
class StreamJoinSigkillTest {

  private static final int PARTITIONS = 4;
  private static final int PER_PARTITION = 25_000;
  private static final int KEYS_PER_PARTITION = 20;
  /**
   * Container 1, 0, 1: both restore their join state, container 1 a second time from restored state
   * (and, exactly once, each kill's open transaction is aborted). Five kills ran the same paths twice more.
   */
  private static final int KILLS = 3;
  private static final long BASE = 1_700_000_000_000L;
  private static final long BEFORE = 300;
  private static final long AFTER = 500;
  private static final long OOO = 100;

  @TempDir
  Path workDir;

  @Test
  void exactlyOnceEmitsEachPairAndUnmatchedRecordOnceAsARunWithoutKills(KafkaCluster kafka) throws Exception {
    List<String> truth = new ArrayList<>();
    List<ConsumerRecord<String, String>> output = runWithKills(kafka, "exactly-once", truth);
    assertEquals(truth, sorted(output));
  }

  @Test
  void atLeastOnceEmitsTheSameRecordsAsARunWithoutKillsAfterDeDuplication(KafkaCluster kafka) throws Exception {
    List<String> truth = new ArrayList<>();
    List<ConsumerRecord<String, String>> output = runWithKills(kafka, "at-least-once", truth);
    assertEquals(new TreeSet<>(truth), new TreeSet<>(sorted(output)));
    System.out.printf("at-least-once: %d join results for %d distinct%n", output.size(), truth.size());
  }

  private List<ConsumerRecord<String, String>> runWithKills(KafkaCluster kafka, String guarantee, List<String> truth)
      throws Exception {
    String left = kafka.uniqueTopic("join-kill-" + guarantee + "-left");
    String right = left + "-right";
    String out = left + "-out";
    kafka.client().createTopic(left, PARTITIONS);
    kafka.client().createTopic(right, PARTITIONS);
    kafka.client().createTopic(out, PARTITIONS);
    kafka.client().createTopic(out + "-late-left", PARTITIONS);
    kafka.client().createTopic(out + "-late-right", PARTITIONS);
    Random random = new Random(left.hashCode());
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    Map<String, List<long[]>> rightTimes = new HashMap<>(); // key -> {time, partition, index}
    Map<String, List<String[]>> lefts = new HashMap<>(); // key -> {id, time}
    for (int p = 0; p < PARTITIONS; p++) {
      for (int i = 0; i < PER_PARTITION; i++) {
        for (boolean isLeft : new boolean[] {true, false}) {
          long t = BASE + i * 20L + random.nextInt((int) OOO);
          String key = "p" + p + "-k" + random.nextInt(KEYS_PER_PARTITION);
          String id = (isLeft ? "l" : "r") + p + "." + i;
          records.add(new ProducerRecord<>(isLeft ? left : right, p, key, (isLeft ? "L|" : "R|") + id + "|" + t));
          if (isLeft) {
            lefts.computeIfAbsent(key, k -> new ArrayList<>()).add(new String[] {id, Long.toString(t)});
          } else {
            rightTimes.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {t, p, i});
          }
        }
      }
    }
    kafka.client().produce(records);
    truth.addAll(outerJoinTruth(lefts, rightTimes));

    Map<String, String> m = new TreeMap<>();
    m.put("job.name", "join-kill-" + left);
    m.put("app.class", JoinApp.class.getName());
    m.put("job.container.count", "2");
    m.put("job.factory.class", ProcessJobFactory.class.getName());
    m.put("job.logged.store.base.dir", workDir.resolve("stores").toString());
    m.put("job.non-logged.store.base.dir", workDir.resolve("non-logged").toString());
    m.put("strand.process.work.dir", workDir.toString());
    m.put("task.commit.ms", "500");
    m.put("task.shutdown.ms", "10000");
    m.put("task.delivery.guarantee", guarantee);
    m.put("cluster-manager.container.retry.count", "20");
    m.put("strand.container.store.snapshot.interval.ms", "0");
    m.put("task.opts", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    TestJobConfigs.putStringKafkaSystem(m, kafka.bootstrapServers());
    TestJobConfigs.putBoundedInput(m, left);
    TestJobConfigs.putBoundedInput(m, right);
    m.putAll(Map.of("test.in", left, "test.right", right, "test.out", out, "test.join", "outer",
        "test.before.ms", Long.toString(BEFORE), "test.after.ms", Long.toString(AFTER), "test.grace.ms", "0",
        "test.ooo.ms", Long.toString(OOO)));
    // 10,000 records/s per container until the last kill
    m.putAll(KillThrottle.keys(100, 10, workDir.resolve("kills-done")));
    Config config = ApplicationLoader.resolve(Config.of(m));
    ProcessJobKills.run(config, 2L * PARTITIONS * PER_PARTITION, KILLS, random);
    List<ConsumerRecord<String, String>> output = kafka.client().readAll(out); // read_committed
    assertTrue(kafka.client().readAll(out + "-late-left").isEmpty() && kafka.client().readAll(out + "-late-right")
        .isEmpty(), "no record is late");
    return output;
  }

  /** The outer join's results, {@code key:leftId+rightId} with {@code -} for a missing side, sorted. */
  private static List<String> outerJoinTruth(Map<String, List<String[]>> lefts, Map<String, List<long[]>> rights) {
    List<String> results = new ArrayList<>();
    Map<String, Boolean> rightMet = new HashMap<>();
    lefts.forEach((key, ls) -> {
      List<long[]> rs = rights.getOrDefault(key, List.of());
      for (String[] l : ls) {
        long t = Long.parseLong(l[1]);
        boolean met = false;
        for (long[] r : rs) {
          if (t - BEFORE <= r[0] && r[0] <= t + AFTER) {
            String rid = "r" + r[1] + "." + r[2];
            results.add(key + ":" + l[0] + "+" + rid);
            rightMet.put(rid, true);
            met = true;
          }
        }
        if (!met) {
          results.add(key + ":" + l[0] + "+-");
        }
      }
    });
    rights.forEach((key, rs) -> {
      for (long[] r : rs) {
        String rid = "r" + r[1] + "." + r[2];
        if (!rightMet.containsKey(rid)) {
          results.add(key + ":-+" + rid);
        }
      }
    });
    results.sort(null);
    return results;
  }

  private static List<String> sorted(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(r -> r.key() + ":" + r.value()).sorted().toList();
  }
}
