package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.container.coordinator.JobModels;
import io.strand.container.model.TaskModel;
import io.strand.container.runner.ProcessJob;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kill.KillThrottle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's kill test of the exactly-once mode: a keyed counting job that emits every running
 * count (one output per input record) over 1,000,000 messages and 10,000 keys, in process mode with
 * two containers and {@code task.delivery.guarantee=exactly-once} at its default 100 ms commit
 * interval, whose container JVMs are killed with SIGKILL at random points three times, each once
 * checkpoints have moved on since the previous kill; the runner restarts them. The output read
 * {@code read_committed} holds exactly one record per input record (each key's counts 1, 2, 3, ...
 * with no repeat and no gap), the store's final counts in the committed changelog are exact, and
 * every restart reused its local snapshot and replayed only the gap after it: no wipe, nothing of
 * an aborted transaction trimmed back.
 */
@RealKafka
class ExactlyOnceSigkillTest {

  private static final long MESSAGES = 1_000_000;
  private static final int KEYS = 10_000;
  /**
   * Container 1, 0, 1: each kill leaves an open transaction that the restart's producer fences and
   * aborts, both containers restore, container 1 a second time from restored state. Five kills ran
   * the same paths twice more.
   */
  private static final int KILLS = 3;
  private static final int PARTITIONS = 4;
  private static final long JOB_TIMEOUT_MS = 300_000;

  @TempDir
  Path workDir;

  @Test
  void outputsAreExactlyOnceAndStateExactThroughRepeatedSigkills(KafkaCluster kafka) throws Exception {
    String prefix = "eos-kill";
    long seed = prefix.hashCode();
    String output = kafka.uniqueTopic(prefix + "-out");
    kafka.client().createTopic(output, PARTITIONS);
    CountingJob job = new CountingJob(kafka, prefix, PARTITIONS, workDir)
        .produceRandom(MESSAGES, KEYS, 0, seed) // no deletes: each key's outputs then count 1, 2, 3, ...
        .with("job.container.count", "2")
        .with("task.delivery.guarantee", "exactly-once")
        .with("test.output.stream", output)
        .without("task.commit.ms") // the exactly-once default, 100 ms
        .with("stores.counts.object.cache.size", "20000")
        .with("cluster-manager.container.retry.count", "20")
        // 50,000 messages/s per task until the last kill, then full speed.
        .withAll(KillThrottle.keys(500, 10, workDir.resolve("kills-done")));
    Config config = job.config(ProcessJobFactory.class.getName());
    long started = System.nanoTime();
    ProcessJob processJob = new ProcessJobFactory().newJob(config);
    Map<String, List<TaskName>> tasksOf = new HashMap<>();
    JobModels.readLatest(config).containers().forEach(c ->
        tasksOf.put(c.id(), c.tasks().stream().map(TaskModel::taskName).toList()));
    processJob.submit();

    ContainerKills.killAndFinish(config, processJob, tasksOf, MESSAGES, KILLS, new Random(seed), JOB_TIMEOUT_MS,
        (kill, victim, process) -> { });
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;
    try {
      ExactlyOnceOutputs.assertExactlyOnce(kafka, output, job);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + TrimAfterCrashTest.log(processJob), e);
    }
    Map<String, String> expected = job.expectedCounts();
    Map<String, String> actual = job.changelogContents(); // read_committed: what a restore sees
    assertEquals(expected.size(), actual.size(), "keys in the store");
    assertEquals(expected, actual, "every count is exact");
    assertEquals(MESSAGES, CountingJob.checkpointedMessages(CountingJob.checkpoints(config)));

    List<RestoreLogLines> restores = new ArrayList<>(RestoreLogLines.parse(processJob.logFile("0")));
    restores.addAll(RestoreLogLines.parse(processJob.logFile("1")));
    long changelogRecords = ContainerKills.records(kafka, job.changelog, PARTITIONS);
    System.out.printf("%s: %d messages, %d kills, %d ms in all (%d msg/s incl. restarts); changelog %d records;"
        + " restores %s%n", prefix, MESSAGES, KILLS, elapsedMs, MESSAGES * 1000 / Math.max(1, elapsedMs),
        changelogRecords, restores);

    List<RestoreLogLines> restarts = restores.stream().filter(r -> r.start() > 1).toList();
    assertFalse(restarts.isEmpty());
    for (RestoreLogLines r : restarts) {
      assertTrue(r.reusedLocalState(), "a restart reused its local snapshot, no wipe: " + r);
      // read_committed restores never see an aborted transaction's records, so none is trimmed back.
      assertEquals(0, r.trimmedKeys(), "nothing trimmed: " + r);
    }
    long replayed = restarts.stream().mapToLong(RestoreLogLines::restoredRecords).sum();
    assertTrue(replayed * 100 < changelogRecords,
        "restarts replayed " + replayed + " records in all, far below the changelog's " + changelogRecords);
  }
}
