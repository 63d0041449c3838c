package io.strand.yarn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.strand.config.Config;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.checkpoint.KafkaCheckpointManager;
import io.strand.container.grouper.GroupByPartitionFactory;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.runner.JobStatus;
import io.strand.system.SystemStreamPartition;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.yarn.YarnJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Strand on a real YARN (MiniYARNCluster, one RM and two NodeManagers; the AM and every container
 * a separate JVM) against a real Kafka broker: a job end to end, a container killed with SIGKILL
 * and restarted on its node, failures beyond the retry count, and a graceful kill.
 *
 * <p>Stateless job: stores are not yet part of the container, so restore after a restart is not
 * shown here.
 */
@RealKafka
class YarnEndToEndTest {

  private static final long JOB_TIMEOUT_MS = 120_000;
  private static Path workDir;
  private static MiniYarn yarn;

  @BeforeAll
  static void startYarn() throws Exception {
    workDir = Files.createTempDirectory(Path.of("target"), "yarn-it-").toAbsolutePath();
    yarn = MiniYarn.start(workDir);
  }

  @AfterAll
  static void stopYarn() {
    if (yarn != null) {
      yarn.close();
    }
  }

  @Test
  void aJobRunsInTwoContainerJvmsAndSucceedsWithExactlyTheExpectedOutput(KafkaCluster kafka) {
    YarnTestJob job = new YarnTestJob(kafka, yarn, workDir, "yarn-e2e", 250);
    YarnJob yarnJob = job.submit(yarn);

    JobStatus status = yarnJob.waitForFinish(JOB_TIMEOUT_MS);

    assertEquals(JobStatus.SUCCEEDED, status, () -> "diagnostics: " + yarnJob.report().getDiagnostics());
    assertEquals(job.expected(), asMap(job.readOutput()), "each input mapped exactly once");
    assertFinalCheckpointsCoverEveryInput(job.config(), job.perPartition - 1L);
    assertNoJobProcessesLeft();
  }

  @Test
  void aContainerKilledWithSigkillIsRestartedOnTheSameNodeWithinTenSeconds(KafkaCluster kafka) throws Exception {
    YarnTestJob job = new YarnTestJob(kafka, yarn, workDir, "yarn-sigkill", 2_000)
        .with("job.host-affinity.enabled", "true")
        .with("test.throttle.every", "20").with("test.throttle.ms", "5")
        .with("systems.kafka.consumer.max.poll.records", "100");
    YarnJob yarnJob = job.submit(yarn);
    JsonNode running = job.awaitStatus("both containers run", YarnTestJob::allRunning, 60_000);
    JsonNode before = YarnTestJob.container(running, "0");
    kafka.client().consumeAtLeast(job.output, 500, Duration.ofSeconds(60));

    ProcessHandle victim = containerProcess(job, "0").orElseThrow(() -> new AssertionError("no JVM of container 0"));
    long killedAt = System.nanoTime();
    assertTrue(victim.destroyForcibly(), "SIGKILL sent");
    victim.onExit().get(10, TimeUnit.SECONDS);
    JsonNode restarted = job.awaitStatus("container 0 restarted and running", s -> {
      JsonNode c = YarnTestJob.container(s, "0");
      return c.path("restarts").asInt() == 1 && c.path("state").asText().equals("RUNNING");
    }, 30_000);
    long restartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);

    JsonNode after = YarnTestJob.container(restarted, "0");
    assertTrue(restartMs < 10_000, "restarted within 10 s: " + restartMs + " ms");
    assertTrue(after.path("lastExit").asText().contains("137"), after::toString);
    assertEquals(before.path("host").asText(), after.path("host").asText(), "host affinity: same NodeManager");
    assertTrue(!before.path("yarnContainerId").asText().equals(after.path("yarnContainerId").asText()));
    JobStatus status = yarnJob.waitForFinish(JOB_TIMEOUT_MS);
    assertEquals(JobStatus.SUCCEEDED, status, () -> "diagnostics: " + yarnJob.report().getDiagnostics());

    // At least once: every input's output, each with its exact value; repeats only from after the last checkpoint.
    Map<String, String> expected = job.expected();
    List<ConsumerRecord<String, String>> output = job.readOutput();
    for (ConsumerRecord<String, String> r : output) {
      assertEquals(expected.get(r.key()), r.value(), "output of input " + r.key());
    }
    assertEquals(expected, asMap(output));
    assertFinalCheckpointsCoverEveryInput(job.config(), job.perPartition - 1L);
  }

  @Test
  void failuresBeyondTheRetryCountFailTheApplicationNamingTheContainer(KafkaCluster kafka) {
    YarnTestJob job = new YarnTestJob(kafka, yarn, workDir, "yarn-failing", 10)
        .with("cluster-manager.container.retry.count", "1")
        .with("test.fail.init", "true");
    YarnJob yarnJob = job.submit(yarn);

    JobStatus status = yarnJob.waitForFinish(JOB_TIMEOUT_MS);

    assertEquals(JobStatus.State.FAILED, status.state(), status::toString);
    String cause = status.cause().orElseThrow();
    assertTrue(cause.matches("(?s).*container [01] \\(container_\\S+ on \\S+:\\d+\\) failed 2 time\\(s\\), more often than"
        + " the restart policy allows \\(at most 1 failure\\(s\\) per 300000 ms\\); last: exit code 1.*"), cause);
    assertNoJobProcessesLeft();
  }

  @Test
  void killStopsEveryContainerGracefullyAndTheStatusPageListsEveryContainerAndTask(KafkaCluster kafka) {
    YarnTestJob job = new YarnTestJob(kafka, yarn, workDir, "yarn-kill", 2_000)
        .with("test.throttle.every", "20").with("test.throttle.ms", "5")
        .with("task.commit.ms", "600000") // any checkpoint after the kill comes from the final commit
        .with("systems.kafka.consumer.max.poll.records", "100");
    job.with("systems.kafka.streams." + job.input + ".strand.bounded", null);
    YarnJob yarnJob = job.submit(yarn);
    job.awaitStatus("both containers run", YarnTestJob::allRunning, 60_000);
    kafka.client().consumeAtLeast(job.output, 500, Duration.ofSeconds(60));

    JsonNode status = job.awaitStatus("every task reported its lag", s -> {
      for (JsonNode t : s.path("tasks")) {
        for (JsonNode p : t.path("partitions")) {
          if (p.path("lag").isNull()) {
            return false;
          }
        }
      }
      return true;
    }, 30_000);
    assertEquals(2, status.path("containers").size(), status::toString);
    assertEquals(YarnTestJob.PARTITIONS, status.path("tasks").size(), status::toString);
    for (JsonNode c : status.path("containers")) {
      assertTrue(!c.path("host").asText().isEmpty() && c.path("uptimeMs").asLong() > 0, c::toString);
    }

    yarnJob.kill();

    assertEquals(JobStatus.KILLED, yarnJob.waitForFinish(JOB_TIMEOUT_MS));
    assertNoJobProcessesLeft();
    List<ConsumerRecord<String, String>> output = job.readOutput();
    assertTrue(output.size() < job.expected().size(), "stopped mid-run: " + output.size());
    Map<Integer, Long> lastOutput = new TreeMap<>();
    for (ConsumerRecord<String, String> r : output) {
      String[] key = r.key().split(":");
      lastOutput.merge(Integer.parseInt(key[0]), Long.parseLong(key[1]), Math::max);
    }
    assertEquals(lastOutput, checkpointedOffsets(job.config()), "the final commit checkpointed every output");
  }

  private static Map<String, String> asMap(List<ConsumerRecord<String, String>> records) {
    Map<String, String> m = new TreeMap<>();
    records.forEach(r -> m.put(r.key(), r.value()));
    return m;
  }

  private static Map<Integer, Long> checkpointedOffsets(Config config) {
    Map<Integer, Long> offsets = new TreeMap<>();
    try (KafkaCheckpointManager checkpoints = KafkaCheckpointManager.fromConfig(config, new KafkaSystems(config),
        GroupByPartitionFactory.class.getName())) {
      checkpoints.start();
      for (Checkpoint c : checkpoints.readLastCheckpoints().values()) {
        for (Map.Entry<SystemStreamPartition, Long> e : c.inputOffsets().entrySet()) {
          offsets.put(e.getKey().partition().id(), e.getValue());
        }
      }
    }
    return offsets;
  }

  private static void assertFinalCheckpointsCoverEveryInput(Config config, long lastOffset) {
    Map<Integer, Long> expected = new HashMap<>();
    for (int p = 0; p < YarnTestJob.PARTITIONS; p++) {
      expected.put(p, lastOffset);
    }
    assertEquals(new TreeMap<>(expected), checkpointedOffsets(config));
  }

  private static Optional<ProcessHandle> containerProcess(YarnTestJob job, String id) {
    String amUrl = job.amUrl().orElseThrow().toString();
    return ProcessHandle.current().descendants().filter(p -> p.info().commandLine()
        .filter(c -> c.contains("YarnContainerMain") && c.contains("--container-id " + id + " ")
            && c.contains(amUrl.substring(0, amUrl.length() - 1))).isPresent()).findFirst();
  }

  /** No AM or container JVM of any job outlives its application (checked through this JVM's descendants). */
  private static void assertNoJobProcessesLeft() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<String> left;
    do {
      left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
          .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
          .filter(c -> c.contains("YarnContainerMain") || c.contains("ApplicationMasterMain")).toList();
      if (left.isEmpty()) {
        return;
      }
      LockSupport.parkNanos(200_000_000L); // poll interval
    } while (System.nanoTime() < deadline);
    throw new AssertionError("job processes left 30 s after the application ended: " + left);
  }
}
