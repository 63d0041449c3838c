package io.strand.yarn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.strand.container.model.TaskModel;
import io.strand.container.runner.JobStatus;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.yarn.YarnJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Strand on a real YARN (MiniYARNCluster, one RM and two NodeManagers; the AM and every container
 * a separate JVM) against a real Kafka broker, with a stateful job ({@link CountTask}: a keyed
 * count in a RocksDB store with a Kafka changelog) whose final counts are read back from the
 * changelog (the latest value of each key) and compared with counts computed from the input: a
 * job end to end on two nodes, a container killed with SIGKILL and restarted on its node from its
 * local state, the AM killed with SIGKILL and replaced by a second attempt that keeps the
 * containers, failures beyond the retry count, and a graceful kill.
 */
@RealKafka
class YarnEndToEndTest {

  private static final long JOB_TIMEOUT_MS = 120_000;
  /** Container memory that no node can hold twice ({@link MiniYarn#NODE_MEMORY_MB}): one container per node. */
  private static final String ONE_PER_NODE_MB = "640";
  private static Path workDir;
  private static MiniYarn yarn;
  private static final List<YarnJob> SUBMITTED = new ArrayList<>();

  private static YarnJob submit(YarnTestJob job) {
    YarnJob submitted = job.submit(yarn);
    SUBMITTED.add(submitted);
    return submitted;
  }

  @BeforeAll
  static void startYarn() throws Exception {
    workDir = Files.createTempDirectory(Path.of("target"), "yarn-it-").toAbsolutePath();
    yarn = MiniYarn.start(workDir);
  }

  /** Kills what a failed test left running, so the next test has the cluster to itself. */
  @AfterEach
  void killLeftovers() {
    for (YarnJob left : SUBMITTED) {
      if (!left.status().isFinished()) {
        left.kill();
        left.waitForFinish(JOB_TIMEOUT_MS);
      }
    }
    SUBMITTED.clear();
  }

  @AfterAll
  static void stopYarn() {
    if (yarn != null) {
      yarn.close();
    }
  }

  @Test
  void aStatefulJobRunsInTwoContainerJvmsOnTwoNodesAndEndsWithExactCounts(KafkaCluster kafka) {
    YarnTestJob job = new YarnTestJob(kafka, yarn, workDir, "yarn-e2e", 4_000, 300)
        .with("cluster-manager.container.memory.mb", ONE_PER_NODE_MB);
    YarnJob yarnJob = submit(job);

    JobStatus status = yarnJob.waitForFinish(JOB_TIMEOUT_MS);

    assertEquals(JobStatus.SUCCEEDED, status, () -> "diagnostics: " + yarnJob.report().getDiagnostics());
    assertEquals(job.expectedCounts(), job.changelogContents(), "every count, as the changelog holds it, is exact");
    assertEquals(job.lastInputOffsets(), job.checkpointedOffsets(), "the final checkpoints cover every input");
    Map<String, String> hosts = job.recordedHosts();
    assertEquals(Set.of("0", "1"), hosts.keySet(), hosts::toString);
    assertNotEquals(hosts.get("0"), hosts.get("1"), "the containers ran on different NodeManagers");
    assertTrue(yarn.nodeNames().containsAll(hosts.values()), hosts + " vs " + yarn.nodeNames());
    assertNoJobProcessesLeft();
  }

  /**
   * With 384 MB containers both nodes have room for the replacement (see {@link MiniYarn}), so only
   * host affinity puts it on the killed container's node; its local state there (outside YARN's
   * container directories) lets it replay only the changelog records after its last snapshot.
   */
  @Test
  void aContainerKilledWithSigkillRestartsOnItsNodeWithinTenSecondsAndReplaysOnlyTheGap(KafkaCluster kafka)
      throws Exception {
    YarnTestJob job = new YarnTestJob(kafka, yarn, workDir, "yarn-sigkill", 8_000, 400)
        .with("job.host-affinity.enabled", "true")
        .with("stores.counts.object.cache.size", "0") // one changelog record per message: a large changelog
        .with("test.throttle.every", "10").with("test.throttle.ms", "15")
        .with("task.commit.ms", "500")
        .with("systems.kafka.consumer.max.poll.records", "100")
        .with("systems.kafka.consumer.max.partition.fetch.bytes", "2048"); // every task moves on, not one at a time
    YarnJob yarnJob = submit(job);
    JsonNode running = job.awaitStatus("both containers run", YarnTestJob::allRunning, 60_000);
    JsonNode before = YarnTestJob.container(running, "0");
    List<Integer> victimChangelog = job.changelogPartitionsOf("0");
    List<Integer> victimInputs = job.inputPartitionsOf("0");
    YarnTestJob.await("container 0 wrote 800 changelog records and checkpointed every task", () ->
        job.changelogRecords(victimChangelog) >= 800 && job.checkpointedOffsets().keySet().containsAll(victimInputs),
        60_000);

    ProcessHandle victim = containerProcess(job.applicationId(), before.path("processId").asText())
        .orElseThrow(() -> new AssertionError("no JVM of container 0"));
    long killedAt = System.nanoTime();
    assertTrue(victim.destroyForcibly(), "SIGKILL sent");
    victim.onExit().get(10, TimeUnit.SECONDS);
    long changelogAtKill = job.changelogRecords(victimChangelog);
    JsonNode restarted = job.awaitStatus("container 0 restarted and running", s -> {
      JsonNode c = YarnTestJob.container(s, "0");
      return c.path("restarts").asInt() == 1 && c.path("state").asText().equals("RUNNING");
    }, 30_000);
    long restartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);

    JsonNode after = YarnTestJob.container(restarted, "0");
    assertTrue(restartMs < 10_000, "restarted within 10 s: " + restartMs + " ms");
    assertTrue(after.path("lastExit").asText().contains("137"), after::toString);
    assertNotEquals(before.path("processId").asText(), after.path("processId").asText());
    String node = before.path("host").asText();
    assertEquals(node, job.recordedHosts().get("0"), "the AM recorded the killed container's node");
    assertEquals(node, after.path("host").asText(), "host affinity: the replacement runs on the same NodeManager");
    assertTrue(amLogContains(job.applicationId(), "container 0 requested on node " + node),
        "the AM asked for the replacement on that node only");

    // The replacement reused its local state: one restore line per task, each reopening its local
    // snapshot and replaying only the gap after it.
    int victimTasks = job.tasksOf("0").size();
    String replacement = after.path("processId").asText();
    List<RestoreLine> restores = new ArrayList<>();
    YarnTestJob.await("the replacement logged its restores", () -> {
      restores.clear();
      yarn.containerLog(job.applicationId(), replacement, "stderr").map(RestoreLine::parse).ifPresent(restores::addAll);
      return restores.size() == victimTasks;
    }, 30_000);
    long replayed = 0;
    for (RestoreLine r : restores) {
      assertTrue(r.reusedLocalState(), "reused its local snapshot: " + r);
      replayed += r.restoredRecords();
    }
    assertTrue(changelogAtKill >= 800 && replayed * 20 < changelogAtKill,
        "replayed " + replayed + " records, far below the " + changelogAtKill + " in its changelog partitions");
    // ... and reported the same numbers to the AM, which shows them on the status page.
    Set<String> victimTaskNames = new TreeSet<>(job.tasksOf("0").stream().map(t -> t.taskName().toString()).toList());
    JsonNode reported = job.awaitStatus("the replacement reported after its first commits", s -> {
      for (JsonNode t : s.path("tasks")) {
        if (victimTaskNames.contains(t.path("taskName").asText()) && t.path("commits").asLong() == 0) {
          return false;
        }
      }
      return true;
    }, 30_000);
    Map<String, Long> restoredByTask = new TreeMap<>();
    restores.forEach(r -> restoredByTask.put(r.task(), r.restoredRecords()));
    Map<String, Long> reportedByTask = new TreeMap<>();
    for (JsonNode t : reported.path("tasks")) {
      if (victimTaskNames.contains(t.path("taskName").asText())) {
        reportedByTask.put(t.path("taskName").asText(), t.path("restoredRecords").asLong());
        assertTrue(t.path("restoreTotalRecords").asLong() * 20 < changelogAtKill, t::toString);
      }
    }
    assertEquals(restoredByTask, reportedByTask, "restore meters on /status.json");
    System.out.printf("sigkill: restarted on %s in %d ms; changelog of container 0 at the kill: %d records; restores %s%n",
        node, restartMs, changelogAtKill, restores);

    JobStatus status = yarnJob.waitForFinish(JOB_TIMEOUT_MS);
    assertEquals(JobStatus.SUCCEEDED, status, () -> "diagnostics: " + yarnJob.report().getDiagnostics());
    assertEquals(job.expectedCounts(), job.changelogContents(), "every count is exact despite the SIGKILL");
    assertEquals(job.lastInputOffsets(), job.checkpointedOffsets());
    assertNoJobProcessesLeft();
  }

  @Test
  void aSecondAmAttemptKeepsTheContainersOfAKilledAmAndTheJobSucceedsWithExactCounts(KafkaCluster kafka)
      throws Exception {
    YarnTestJob job = new YarnTestJob(kafka, yarn, workDir, "yarn-am-kill", 8_000, 400)
        .with("yarn.am.attempts", "2")
        .with("cluster-manager.container.memory.mb", ONE_PER_NODE_MB)
        .with("test.throttle.every", "5").with("test.throttle.ms", "10")
        .with("task.commit.ms", "1000")
        .with("systems.kafka.consumer.max.poll.records", "100");
    YarnJob yarnJob = submit(job);
    JsonNode first = job.awaitStatus("both containers run", YarnTestJob::allRunning, 60_000);
    assertEquals(1, first.path("attempt").asInt());
    List<Integer> allPartitions = List.of(0, 1, 2, 3, 4, 5, 6, 7);
    YarnTestJob.await("the job wrote 400 changelog records", () -> job.changelogRecords(allPartitions) >= 400, 60_000);

    ProcessHandle am = amProcess(job.applicationId()).orElseThrow(() -> new AssertionError("no AM JVM"));
    assertTrue(am.destroyForcibly(), "SIGKILL sent");
    am.onExit().get(10, TimeUnit.SECONDS);
    JsonNode second = job.awaitStatus("a second AM attempt took over the containers", s -> {
      if (s.path("attempt").asInt() != 2 || s.path("containers").size() != 2) {
        return false;
      }
      for (JsonNode c : s.path("containers")) {
        if (c.path("state").asText().equals("REQUESTED")) {
          return false; // not registered yet, or asking for a new container
        }
      }
      return true;
    }, 60_000);

    for (String id : List.of("0", "1")) {
      JsonNode c = YarnTestJob.container(second, id);
      assertEquals(YarnTestJob.container(first, id).path("processId").asText(), c.path("processId").asText(),
          "container " + id + " kept its YARN container: " + second);
      assertTrue(c.path("state").asText().contains("kept from previous attempt"), c::toString);
    }
    JobStatus status = yarnJob.waitForFinish(JOB_TIMEOUT_MS);
    assertEquals(JobStatus.SUCCEEDED, status, () -> "diagnostics: " + yarnJob.report().getDiagnostics());
    assertEquals(job.expectedCounts(), job.changelogContents(), "every count is exact despite the AM's SIGKILL");
    assertEquals(job.lastInputOffsets(), job.checkpointedOffsets());
    assertNoJobProcessesLeft();
  }

  @Test
  void failuresBeyondTheRetryCountFailTheApplicationNamingTheContainer(KafkaCluster kafka) {
    YarnTestJob job = new YarnTestJob(kafka, yarn, workDir, "yarn-failing", 80, 10)
        .with("cluster-manager.container.retry.count", "1")
        .with("test.fail.init", "true");
    YarnJob yarnJob = submit(job);

    JobStatus status = yarnJob.waitForFinish(JOB_TIMEOUT_MS);

    assertEquals(JobStatus.State.FAILED, status.state(), status::toString);
    String cause = status.cause().orElseThrow();
    assertTrue(cause.matches("(?s).*container [01] \\(container_\\S+ on \\S+:\\d+\\) failed 2 time\\(s\\), more often than"
        + " the restart policy allows \\(at most 1 failure\\(s\\) per 300000 ms\\); last: exit code 1.*"), cause);
    assertNoJobProcessesLeft();
  }

  @Test
  void killStopsEveryContainerGracefullyAndTheStatusPageListsEveryContainerAndTask(KafkaCluster kafka) {
    YarnTestJob job = new YarnTestJob(kafka, yarn, workDir, "yarn-kill", 8_000, 400)
        .with("test.throttle.every", "5").with("test.throttle.ms", "10")
        .with("task.commit.ms", "600000") // the checkpoints after the kill come from the final commit
        .with("systems.kafka.consumer.max.poll.records", "100")
        .with("metrics.reporters", "jmx,prometheus")
        .with("metrics.reporter.jmx.class", "io.strand.metrics.reporter.JmxReporterFactory")
        .with("metrics.reporter.prometheus.class", "io.strand.metrics.reporter.PrometheusReporterFactory")
        .with("metrics.reporter.prometheus.host", "127.0.0.1");
    job.with("systems.kafka.streams." + job.input + ".strand.bounded", null);
    YarnJob yarnJob = submit(job);
    job.awaitStatus("both containers run", YarnTestJob::allRunning, 60_000);

    JsonNode status = job.awaitStatus("every task reported its lag, 500 messages processed", s -> {
      long lag = 0;
      for (JsonNode t : s.path("tasks")) {
        for (JsonNode p : t.path("partitions")) {
          if (p.path("lag").isNull()) {
            return false;
          }
          lag += p.path("lag").asLong();
        }
      }
      return lag <= 8_000 - 500;
    }, 60_000);
    assertEquals(2, status.path("containers").size(), status::toString);
    assertEquals(YarnTestJob.PARTITIONS, status.path("tasks").size(), status::toString);
    for (JsonNode c : status.path("containers")) {
      assertTrue(!c.path("host").asText().isEmpty() && c.path("uptimeMs").asLong() > 0, c::toString);
    }
    // Each container reports its Prometheus endpoint, which serves its tasks' meters; the status page links it.
    String page = YarnTestJob.fetch(job.amUrl().orElseThrow()).orElseThrow();
    for (JsonNode c : status.path("containers")) {
      String url = c.path("metricsUrl").asText();
      assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/metrics"), c::toString);
      assertTrue(page.contains("href=\"" + url + "\""), page);
      String metrics = YarnTestJob.fetch(URI.create(url)).orElseThrow();
      for (TaskModel task : job.tasksOf(c.path("id").asText())) {
        assertTrue(metrics.contains("strand_task_messages_processed_records_total{container=\"" + c.path("id").asText()
            + "\",job=\"" + job.config().get("job.name").orElseThrow() + "\",task=\"" + task.taskName().name() + "\"}"),
            metrics);
      }
    }

    yarnJob.kill();

    assertEquals(JobStatus.KILLED, yarnJob.waitForFinish(JOB_TIMEOUT_MS));
    assertNoJobProcessesLeft();
    Map<Integer, Long> checkpointed = job.checkpointedOffsets();
    long processed = checkpointed.values().stream().mapToLong(o -> o + 1).sum();
    assertTrue(processed >= 500 && processed < 8_000, "stopped mid-run: " + processed + " messages checkpointed");
    assertEquals(job.expectedCounts(checkpointed), job.changelogContents(),
        "the final commit wrote exactly the counts of the checkpointed input to the changelog");
  }

  /** The JVM of the given YARN container (found by its working directory, which YARN names after it). */
  private static Optional<ProcessHandle> containerProcess(String applicationId, String yarnContainerId) {
    return jvmIn(applicationId + "/" + yarnContainerId, "YarnContainerMain");
  }

  /** The application's AM JVM. */
  private static Optional<ProcessHandle> amProcess(String applicationId) {
    return jvmIn(applicationId + "/", "ApplicationMasterMain");
  }

  private static Optional<ProcessHandle> jvmIn(String dirPart, String mainClass) {
    // YARN's launch script runs the JVM under `bash -c "java ... 1>stdout 2>stderr"`, and that bash
    // stays as the JVM's parent with the same command line: a SIGKILL must reach the JVM itself. Killing
    // the bash instead made the NodeManager SIGTERM the JVM, whose graceful stop is another test.
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().filter(c -> c.endsWith("/java")).isPresent())
        .filter(p -> p.info().commandLine().filter(c -> c.contains(mainClass)).isPresent())
        .filter(p -> workingDir(p).contains(dirPart)).findFirst();
  }

  private static String workingDir(ProcessHandle p) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", String.valueOf(p.pid()), "cwd")).toString();
    } catch (IOException e) {
      return ""; // it exited meanwhile
    }
  }

  private static boolean amLogContains(String applicationId, String text) {
    for (Path log : yarn.containerLogs(applicationId, "stderr")) {
      try {
        if (Files.readString(log).contains(text)) {
          return true;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
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
