package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's kill test: {@link WindowsApp}'s tumbling-window count (event time from the values,
 * bounded out-of-orderness, final results only) over 200,000 records of 4 partitions, in process
 * mode with two containers whose JVMs are SIGKILLed three times at random points, each once
 * checkpoints have moved on since the previous kill; the runner restarts them. After the job ends
 * (bounded input: the end of input fires every window), the window results equal the truth
 * computed here without Strand: in exactly-once mode each window exactly once (read_committed);
 * at least once, every result's value exact and every window present, repeats allowed. The kill
 * loop is {@link ProcessJobKills} (testkit).
 */
@RealKafka
class StreamsSigkillTest {

  private static final int PARTITIONS = 4;
  private static final int PER_PARTITION = 50_000;
  private static final int KEYS_PER_PARTITION = 20;
  /**
   * Container 1, 0, 1: both restore their window state, container 1 a second time from restored state
   * (and, exactly once, each kill's open transaction is aborted). Five kills ran the same paths twice more.
   */
  private static final int KILLS = 3;
  private static final long BASE = 1_700_000_000_000L;

  @TempDir
  Path workDir;

  @Test
  void exactlyOnceEmitsEachWindowOnceWithTheValuesOfARunWithoutKills(KafkaCluster kafka) throws Exception {
    Map<String, Long> truth = new TreeMap<>();
    List<ConsumerRecord<String, String>> output = runWithKills(kafka, "exactly-once", truth);
    Map<String, Long> emitted = new TreeMap<>();
    for (ConsumerRecord<String, String> r : output) {
      Long before = emitted.put(r.key(), Long.parseLong(r.value()));
      assertEquals(null, before, "window " + r.key() + " emitted once");
    }
    assertEquals(truth, emitted);
  }

  /**
   * The same kills on a hopping window (1 s every 250 ms), which counts as panes
   * ({@code PanedTimeWindowOp}: each key's open panes in memory beside the store, rebuilt from the
   * restored store and watermark after each kill): each window once, exact.
   */
  @Test
  void exactlyOnceHoppingCountsKeptAsPanesEmitEachWindowOnceWithTheValuesOfARunWithoutKills(KafkaCluster kafka)
      throws Exception {
    Map<String, Long> truth = new TreeMap<>();
    List<ConsumerRecord<String, String>> output = runWithKills(kafka, "exactly-once", truth, 250);
    Map<String, Long> emitted = new TreeMap<>();
    for (ConsumerRecord<String, String> r : output) {
      Long before = emitted.put(r.key(), Long.parseLong(r.value()));
      assertEquals(null, before, "window " + r.key() + " emitted once");
    }
    assertEquals(truth, emitted);
  }

  @Test
  void atLeastOnceEmitsEveryWindowWithExactValuesRepeatsAllowed(KafkaCluster kafka) throws Exception {
    Map<String, Long> truth = new TreeMap<>();
    List<ConsumerRecord<String, String>> output = runWithKills(kafka, "at-least-once", truth);
    Map<String, Long> emitted = new TreeMap<>();
    for (ConsumerRecord<String, String> r : output) {
      long value = Long.parseLong(r.value());
      assertEquals(truth.get(r.key()), value, "every result of window " + r.key() + " is exact");
      emitted.put(r.key(), value);
    }
    assertEquals(truth, emitted);
    System.out.printf("at-least-once: %d results for %d windows%n", output.size(), truth.size());
  }

  private List<ConsumerRecord<String, String>> runWithKills(KafkaCluster kafka, String guarantee,
      Map<String, Long> truth) throws Exception {
    return runWithKills(kafka, guarantee, truth, 1000);
  }

  private List<ConsumerRecord<String, String>> runWithKills(KafkaCluster kafka, String guarantee,
      Map<String, Long> truth, long advanceMs) throws Exception {
    String in = kafka.uniqueTopic("kill-" + guarantee + "-in");
    String out = in + "-out";
    kafka.client().createTopic(in, PARTITIONS);
    kafka.client().createTopic(out, PARTITIONS);
    Random random = new Random(in.hashCode());
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      for (int i = 0; i < PER_PARTITION; i++) {
        // Out of order by up to 99 ms, within the 100 ms out-of-orderness: no record is late.
        long t = BASE + i * 20L + random.nextInt(100);
        String key = "p" + p + "-k" + random.nextInt(KEYS_PER_PARTITION);
        records.add(new ProducerRecord<>(in, p, key, Long.toString(t)));
        for (long start = Math.floorDiv(t, advanceMs) * advanceMs; start > t - 1000; start -= advanceMs) {
          truth.merge(key + "@" + start + "/" + (start + 1000), 1L, Long::sum);
        }
      }
    }
    kafka.client().produce(records);

    Map<String, String> m = new TreeMap<>();
    m.put("job.name", "kill-" + in);
    m.put("app.class", WindowsApp.class.getName());
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
    TestJobConfigs.putBoundedInput(m, in);
    m.putAll(Map.of("test.in", in, "test.out", out, "test.kind", "time", "test.size.ms", "1000",
        "test.advance.ms", Long.toString(advanceMs), "test.ooo.ms", "100"));
    // 10,000 records/s per container until the last kill
    m.putAll(KillThrottle.keys(100, 10, workDir.resolve("kills-done")));
    Config config = ApplicationLoader.resolve(Config.of(m));

    ProcessJobKills.run(config, (long) PARTITIONS * PER_PARTITION, KILLS, random);
    return kafka.client().readAll(out); // read_committed
  }
}
