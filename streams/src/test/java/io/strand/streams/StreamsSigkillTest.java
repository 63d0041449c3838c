package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.application.ApplicationLoader;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.checkpoint.CheckpointSettings;
import io.strand.container.checkpoint.KafkaCheckpointManager;
import io.strand.container.coordinator.JobModels;
import io.strand.container.model.TaskModel;
import io.strand.container.grouper.GroupByPartitionFactory;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.ProcessJob;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.context.TaskName;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.TestJobConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's kill test: {@link WindowsApp}'s tumbling-window count (event time from the values,
 * bounded out-of-orderness, final results only) over 200,000 records of 4 partitions, in process
 * mode with two containers whose JVMs are SIGKILLed five times at random points, each once
 * checkpoints have moved on since the previous kill; the runner restarts them. After the job ends
 * (bounded input: the end of input fires every window), the window results equal the truth
 * computed here without Strand: in exactly-once mode each window exactly once (read_committed);
 * at least once, every result's value exact and every window present, repeats allowed.
 *
 * <p>The kill loop is a small copy of container's {@code it.ContainerKills}: that one is bound to
 * its counting job and lives in container's test classes, which no other module sees.
 */
@RealKafka
class StreamsSigkillTest {

  private static final int PARTITIONS = 4;
  private static final int PER_PARTITION = 50_000;
  private static final int KEYS_PER_PARTITION = 20;
  private static final int KILLS = 5;
  private static final long BASE = 1_700_000_000_000L;
  private static final long JOB_TIMEOUT_MS = 300_000;
  private static final long PROGRESS_TIMEOUT_MS = 90_000;

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
        long start = Math.floorDiv(t, 1000L) * 1000L;
        truth.merge(key + "@" + start + "/" + (start + 1000), 1L, Long::sum);
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
        "test.ooo.ms", "100", "test.throttle.every", "200", "test.throttle.ms", "10"));
    Config config = ApplicationLoader.resolve(Config.of(m));

    ProcessJob job = new ProcessJobFactory().newJob(config);
    Map<String, List<TaskName>> tasksOf = new HashMap<>();
    JobModels.readLatest(config).containers().forEach(c ->
        tasksOf.put(c.id(), c.tasks().stream().map(TaskModel::taskName).toList()));
    job.submit();
    Map<String, Long> victimAtKill = new HashMap<>(Map.of("0", 0L, "1", 0L));
    long total = (long) PARTITIONS * PER_PARTITION;
    for (int kill = 1; kill <= KILLS; kill++) {
      String victim = String.valueOf(kill % 2);
      long target = total * kill / (KILLS + 2) + random.nextInt((int) (total / (4 * (KILLS + 2))));
      victimAtKill.put(victim, awaitProgress(config, job, victim, tasksOf.get(victim), target,
          victimAtKill.get(victim)));
      ProcessHandle handle = job.containerProcess(victim).orElseThrow();
      assertTrue(handle.destroyForcibly());
      handle.onExit().get(10, TimeUnit.SECONDS);
    }
    assertEquals(JobStatus.SUCCEEDED, job.waitForFinish(JOB_TIMEOUT_MS), () -> log(job));
    assertEquals(2 + KILLS, job.starts("0") + job.starts("1"), "each kill was followed by one restart");
    assertEquals(total, checkpointed(checkpoints(config)), "every record checkpointed");
    return kafka.client().readAll(out); // read_committed
  }

  /**
   * Waits until the job has checkpointed {@code target} records in all and the victim's tasks
   * more than at its previous kill, with its process running; returns the victim's.
   */
  static long awaitProgress(Config config, ProcessJob job, String victim, List<TaskName> victimTasks,
      long target, long victimBefore) {
    long deadline = System.currentTimeMillis() + PROGRESS_TIMEOUT_MS;
    long all = 0;
    long mine = 0;
    while (System.currentTimeMillis() < deadline) {
      Map<TaskName, Checkpoint> checkpoints = checkpoints(config);
      all = checkpointed(checkpoints);
      Map<TaskName, Checkpoint> ofVictim = new HashMap<>(checkpoints);
      ofVictim.keySet().retainAll(victimTasks);
      mine = checkpointed(ofVictim);
      if (job.status().isFinished()) {
        throw new AssertionError("the job ended before every kill: " + job.status());
      }
      if (all >= target && mine > victimBefore && job.containerProcess(victim).isPresent()) {
        return mine;
      }
    }
    throw new AssertionError("no progress to " + target + " records (victim " + victim + " past " + victimBefore
        + ") in " + PROGRESS_TIMEOUT_MS + " ms; last " + all + " in all, " + mine + " by the victim");
  }

  static Map<TaskName, Checkpoint> checkpoints(Config config) {
    try (KafkaCheckpointManager checkpoints = KafkaCheckpointManager.create(CheckpointSettings.fromConfig(config),
        new KafkaSystems(config), GroupByPartitionFactory.class.getName())) {
      checkpoints.start();
      return new TreeMap<>(checkpoints.readLastCheckpoints());
    }
  }

  /** Records durably processed from the input: the sum of checkpointed offset + 1 over its partitions. */
  static long checkpointed(Map<TaskName, Checkpoint> checkpoints) {
    return checkpoints.values().stream().flatMap(c -> c.inputOffsets().values().stream()).mapToLong(o -> o + 1).sum();
  }

  static String log(ProcessJob job) {
    StringBuilder b = new StringBuilder();
    for (String c : List.of("0", "1")) {
      try {
        List<String> lines = Files.readAllLines(job.logFile(c));
        b.append("\n--- container ").append(c).append(" log (tail) ---\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
      } catch (Exception e) {
        b.append("\n(no log of container ").append(c).append(": ").append(e).append(')');
      }
    }
    return b.toString();
  }
}
