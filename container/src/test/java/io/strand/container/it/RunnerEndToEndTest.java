package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.checkpoint.CheckpointSettings;
import io.strand.container.checkpoint.KafkaCheckpointManager;
import io.strand.container.coordinator.JobModels;
import io.strand.container.grouper.GroupByPartitionFactory;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.ProcessJob;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.system.SystemStreamPartition;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kill.KillLoop;
import io.strand.testkit.kill.KillThrottle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runners end to end on a real broker: a stateless job over 8 partitions in 2 containers, in
 * both runners, and a container JVM killed with SIGKILL mid-run and restarted by the process
 * runner.
 */
@RealKafka
class RunnerEndToEndTest {

  private static final long JOB_TIMEOUT_MS = 120_000;

  @TempDir
  Path workDir;

  @Test
  void threadRunnerProducesExactlyTheExpectedOutputAndEndsAfterAFinalCommit(KafkaCluster kafka) {
    StatelessJob job = new StatelessJob(kafka, "thread-job", 500);
    Config config = job.config(ThreadJobFactory.class.getName(), workDir);

    StreamJob streamJob = new ThreadJobFactory().getJob(config);
    streamJob.submit();

    assertEquals(JobStatus.SUCCEEDED, streamJob.waitForFinish(JOB_TIMEOUT_MS));
    assertEquals(StatelessJob.values(expectedRecords(job)), StatelessJob.values(job.readOutput()));
    assertFinalCheckpointCoversEveryInput(config, job);
  }

  @Test
  void processRunnerProducesExactlyTheExpectedOutputAndEndsAfterAFinalCommit(KafkaCluster kafka) {
    StatelessJob job = new StatelessJob(kafka, "process-job", 500);
    Config config = job.config(ProcessJobFactory.class.getName(), workDir);

    ProcessJob processJob = new ProcessJobFactory().newJob(config);
    processJob.submit();

    assertEquals(JobStatus.SUCCEEDED, processJob.waitForFinish(JOB_TIMEOUT_MS), () -> logs(processJob));
    assertEquals(1, processJob.starts("0"));
    assertEquals(1, processJob.starts("1"));
    assertEquals(StatelessJob.values(expectedRecords(job)), StatelessJob.values(job.readOutput()));
    assertFinalCheckpointCoversEveryInput(config, job);
  }

  @Test
  void aContainerKilledWithSigkillIsRestartedAndResumesAfterItsLastCheckpoint(KafkaCluster kafka) throws Exception {
    Path release = workDir.resolve("killed");
    StatelessJob job = new StatelessJob(kafka, "sigkill-job", 3_000)
        // Slow until the kill (released after it), so it lands mid-run; then full speed.
        .with(KillThrottle.EVERY, "10").with(KillThrottle.SLEEP_MS, "3")
        .with(KillThrottle.UNTIL_FILE, release.toString())
        // Small fetches, so the containers move through all their partitions side by side.
        .with("systems.kafka.consumer.max.poll.records", "200")
        .with("systems.kafka.consumer.max.partition.fetch.bytes", "8192");
    Config config = job.config(ProcessJobFactory.class.getName(), workDir);
    ProcessJob processJob = new ProcessJobFactory().newJob(config);
    Set<Integer> killedPartitions = JobModels.readLatest(config).container("0").orElseThrow().tasks().stream()
        .flatMap(t -> t.inputs().stream()).map(s -> s.partition().id()).collect(Collectors.toCollection(TreeSet::new));
    processJob.submit();

    // Let container 0 checkpoint a few times, then freeze it (so its checkpoints stop moving), read them, kill it.
    Map<Integer, Long> checkpointed = awaitCheckpointsOf(config, killedPartitions, 300);
    ProcessHandle victim = processJob.containerProcess("0").orElseThrow();
    assertEquals(0, new ProcessBuilder("kill", "-STOP", String.valueOf(victim.pid())).start().waitFor());
    checkpointed = lastCheckpointedOffsets(config, killedPartitions);
    assertTrue(victim.destroyForcibly());
    victim.onExit().get(10, TimeUnit.SECONDS);
    KillLoop.release(release);

    assertEquals(JobStatus.SUCCEEDED, processJob.waitForFinish(JOB_TIMEOUT_MS), () -> logs(processJob));
    assertEquals(2, processJob.starts("0"), "container 0 was restarted once");
    assertEquals(1, processJob.starts("1"));
    assertTrue(checkpointed.values().stream().anyMatch(o -> o < job.perPartition - 1),
        "the kill landed mid-run: " + checkpointed);

    // At least once: every expected record, each duplicate from after the last checkpoint of a killed partition.
    List<ConsumerRecord<String, String>> output = job.readOutput();
    Map<String, String> expected = job.expected();
    Map<String, Integer> occurrences = new HashMap<>();
    for (ConsumerRecord<String, String> r : output) {
      assertEquals(expected.get(r.key()), r.value(), "output of input " + r.key());
      occurrences.merge(r.key(), 1, Integer::sum);
    }
    assertEquals(expected.keySet(), occurrences.keySet());
    int duplicates = 0;
    for (Map.Entry<String, Integer> e : occurrences.entrySet()) {
      if (e.getValue() > 1) {
        int partition = Integer.parseInt(e.getKey().split(":")[0]);
        long offset = Long.parseLong(e.getKey().split(":")[1]);
        assertTrue(killedPartitions.contains(partition) && offset > checkpointed.get(partition),
            "duplicate " + e.getKey() + " is from after the checkpoint " + checkpointed);
        duplicates += e.getValue() - 1;
      }
    }
    assertEquals(output.size() - expected.size(), duplicates);

    // The restarted container began each partition at its checkpoint + 1.
    Map<Integer, Long> resumedAt = new HashMap<>();
    for (ConsumerRecord<String, String> r : kafka.client().readAll(job.firsts)) {
      String[] pidOffset = r.value().split(":");
      if (Long.parseLong(pidOffset[0]) != victim.pid() && killedPartitions.contains(Integer.parseInt(r.key()))) {
        resumedAt.put(Integer.parseInt(r.key()), Long.parseLong(pidOffset[1]));
      }
    }
    Map<Integer, Long> checkpointPlusOne = new HashMap<>();
    checkpointed.forEach((p, o) -> {
      if (o + 1 < job.perPartition) { // a partition already done before the kill has nothing left to resume
        checkpointPlusOne.put(p, o + 1);
      }
    });
    assertEquals(checkpointPlusOne, resumedAt);
  }

  @Test
  void aContainerThatKeepsFailingFailsTheJobOnceTheRetryCountIsSpent(KafkaCluster kafka) {
    StatelessJob job = new StatelessJob(kafka, "failing-job", 10)
        .with("cluster-manager.container.retry.count", "1")
        .with("test.output", "not a stream"); // every task's init fails, so every container start fails
    ProcessJob processJob = new ProcessJobFactory().newJob(job.config(ProcessJobFactory.class.getName(), workDir));
    processJob.submit();

    JobStatus status = processJob.waitForFinish(JOB_TIMEOUT_MS);

    assertEquals(JobStatus.State.FAILED, status.state(), status::toString);
    assertTrue(status.cause().orElseThrow().contains("more often than the restart policy allows"), status::toString);
    int starts = processJob.starts("0") + processJob.starts("1");
    assertTrue(starts >= 2 && starts <= 4, "the failing container was started twice (once plus one retry): " + starts);
  }

  @Test
  void killStopsProcessContainersGracefullyWithAFinalCommit(KafkaCluster kafka) {
    // No periodic commit: any checkpoint after the stop comes from the final commit of the graceful stop.
    StatelessJob job = new StatelessJob(kafka, "kill-job", 2_000)
        .with("task.commit.ms", "600000")
        .with("test.throttle.every", "10").with("test.throttle.ms", "3")
        .with("systems.kafka.consumer.max.poll.records", "200")
        .with("systems.kafka.consumer.max.partition.fetch.bytes", "8192");
    Config config = Config.of(withoutBounded(job.entries(ProcessJobFactory.class.getName(), workDir), job.input));
    ProcessJob processJob = new ProcessJobFactory().newJob(config);
    processJob.submit();
    kafka.client().consumeAtLeast(job.output, 1_000, Duration.ofSeconds(60));

    processJob.kill();

    assertEquals(JobStatus.KILLED, processJob.waitForFinish(JOB_TIMEOUT_MS), () -> logs(processJob));
    assertTrue(processJob.containerProcess("0").isEmpty() && processJob.containerProcess("1").isEmpty());
    assertEquals(1, processJob.starts("0"), "a stop on request is not restarted");
    List<ConsumerRecord<String, String>> output = job.readOutput();
    assertTrue(output.size() < job.expected().size(), "stopped mid-run: " + output.size());
    Map<Integer, Long> lastOutput = new HashMap<>();
    for (ConsumerRecord<String, String> r : output) {
      String[] key = r.key().split(":");
      lastOutput.merge(Integer.parseInt(key[0]), Long.parseLong(key[1]), Math::max);
    }
    Map<Integer, Long> checkpointed = lastCheckpointedOffsets(config, lastOutput.keySet());
    for (Map.Entry<Integer, Long> e : lastOutput.entrySet()) {
      long checkpoint = checkpointed.getOrDefault(e.getKey(), -1L);
      // Every processed input is checkpointed; one dropped input (a multiple of 3) may follow the last output.
      assertTrue(checkpoint == e.getValue() || checkpoint == e.getValue() + 1,
          "partition " + e.getKey() + ": last output from offset " + e.getValue() + ", checkpoint " + checkpoint);
    }
  }

  private static Map<String, String> withoutBounded(Map<String, String> entries, String input) {
    Map<String, String> copy = new TreeMap<>(entries);
    copy.remove("systems.kafka.streams." + input + ".strand.bounded");
    return copy;
  }

  private static List<ConsumerRecord<String, String>> expectedRecords(StatelessJob job) {
    return job.expected().entrySet().stream()
        .map(e -> new ConsumerRecord<>(job.output, 0, 0, e.getKey(), e.getValue())).toList();
  }

  /** Waits until the job has checkpointed at least {@code minOffset} in every given partition. */
  private static Map<Integer, Long> awaitCheckpointsOf(Config config, Set<Integer> partitions, long minOffset) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Map<Integer, Long> offsets = Map.of();
    while (System.nanoTime() < deadline) {
      offsets = lastCheckpointedOffsets(config, partitions);
      if (offsets.size() == partitions.size() && offsets.values().stream().allMatch(o -> o >= minOffset)) {
        return offsets;
      }
    }
    throw new AssertionError("the job did not checkpoint offset " + minOffset + " in " + partitions
        + " within 60 s; last: " + offsets);
  }

  private static Map<Integer, Long> lastCheckpointedOffsets(Config config, Set<Integer> partitions) {
    Map<Integer, Long> offsets = new HashMap<>();
    try (KafkaCheckpointManager checkpoints = KafkaCheckpointManager.create(CheckpointSettings.fromConfig(config),
        new KafkaSystems(config),
        GroupByPartitionFactory.class.getName())) {
      checkpoints.start();
      Map<TaskName, Checkpoint> last = checkpoints.readLastCheckpoints();
      for (Checkpoint c : last.values()) {
        for (Map.Entry<SystemStreamPartition, Long> e : c.inputOffsets().entrySet()) {
          if (partitions.contains(e.getKey().partition().id())) {
            offsets.put(e.getKey().partition().id(), e.getValue());
          }
        }
      }
    }
    return offsets;
  }

  private static void assertFinalCheckpointCoversEveryInput(Config config, StatelessJob job) {
    Set<Integer> all = new TreeSet<>();
    for (int p = 0; p < StatelessJob.PARTITIONS; p++) {
      all.add(p);
    }
    Map<Integer, Long> last = lastCheckpointedOffsets(config, all);
    Map<Integer, Long> expected = new HashMap<>();
    all.forEach(p -> expected.put(p, (long) job.perPartition - 1));
    assertEquals(expected, last, "the final commit checkpointed the last offset of every partition");
  }

  private static String logs(ProcessJob job) {
    StringBuilder text = new StringBuilder();
    for (String id : List.of("0", "1")) {
      try {
        text.append("\n--- ").append(job.logFile(id)).append('\n').append(java.nio.file.Files.readString(job.logFile(id)));
      } catch (java.io.IOException e) {
        text.append("\n(no log ").append(job.logFile(id)).append(')');
      }
    }
    return text.toString();
  }
}
