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
import io.strand.container.testjobs.CountingTask;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kill.KillThrottle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keyed counting job over 1,000,000 messages (10,000 keys, some messages deleting a key) in
 * process mode with two containers, whose container JVMs are killed with SIGKILL at random points
 * three times, each once checkpoints have moved on since the previous kill; the runner restarts
 * them. Every final count, read from the changelog, equals the true count exactly. Kept local
 * state makes each restart replay only the gap after its snapshot; a store directory deleted
 * before one restart makes that restart a full restore, with the same exact counts.
 */
@RealKafka
class StatefulSigkillTest {

  private static final long MESSAGES = 1_000_000;
  private static final int KEYS = 10_000;
  /**
   * Container 1, 0, 1: both restart from kept local state, and container 1 a second time from the
   * state its first restart left (the wiped run deletes that one's stores: a full restore). Five
   * kills ran the same restores twice more.
   */
  private static final int KILLS = 3;
  private static final int PARTITIONS = 4;
  private static final long JOB_TIMEOUT_MS = 240_000;

  @TempDir
  Path workDir;

  @Test
  void countsStayExactThroughRepeatedSigkillsAndRestartsReplayOnlyTheGap(KafkaCluster kafka) throws Exception {
    Outcome outcome = runWithKills(kafka, "kill-kept", -1);

    List<RestoreLogLines> restarts = outcome.restores.stream().filter(r -> r.start() > 1).toList();
    assertFalse(restarts.isEmpty());
    long replayed = restarts.stream().mapToLong(RestoreLogLines::restoredRecords).sum();
    for (RestoreLogLines r : restarts) {
      assertTrue(r.reusedLocalState(), "a restart reused its local snapshot: " + r);
    }
    assertTrue(replayed * 100 < outcome.changelogRecords,
        "restarts replayed " + replayed + " records in all, far below the changelog's " + outcome.changelogRecords);
  }

  @Test
  void countsStayExactWhenALocalStoreIsDeletedBeforeARestart(KafkaCluster kafka) throws Exception {
    Outcome outcome = runWithKills(kafka, "kill-wiped", 3);

    List<RestoreLogLines> afterWipe = outcome.restores.stream()
        .filter(r -> outcome.wipedTasks.contains(r.task()) && r.start() == outcome.wipedStart).toList();
    assertEquals(outcome.wipedTasks.size(), afterWipe.size(), outcome.restores::toString);
    for (RestoreLogLines r : afterWipe) {
      assertTrue(r.fullRestore() && r.restoredRecords() > 0, "the deleted store was restored in full: " + r);
    }
  }

  /** What a run left: the restore lines of both containers, the changelog size, the wiped restart. */
  private record Outcome(List<RestoreLogLines> restores, long changelogRecords, List<String> wipedTasks,
      int wipedStart) { }

  /**
   * Runs the job, kills a container (alternating) KILLS times, and checks the exact counts.
   *
   * @param wipeAtKill the kill before which the victim's store directories are deleted, or -1
   */
  private Outcome runWithKills(KafkaCluster kafka, String prefix, int wipeAtKill) throws Exception {
    long seed = prefix.hashCode();
    CountingJob job = new CountingJob(kafka, prefix, PARTITIONS, workDir)
        .produceRandom(MESSAGES, KEYS, 500, seed)
        .with("job.container.count", "2")
        .with("task.commit.ms", "500")
        .with("stores.counts.object.cache.size", "20000")
        // Every key dirty at each commit, written ahead in slices for half of each interval: kills
        // fall between slices written ahead and the checkpoint that covers them.
        .with("task.commit.write.ahead.ms", "250")
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

    List<String> wipedTasks = new ArrayList<>();
    int[] wipedStart = {-1};
    ContainerKills.killAndFinish(config, processJob, tasksOf, MESSAGES, KILLS, new Random(seed), JOB_TIMEOUT_MS,
        (kill, victim, process) -> {
          if (kill == wipeAtKill) {
            // Freeze it so it writes nothing more, delete its store directories, then kill it.
            assertEquals(0, new ProcessBuilder("kill", "-STOP", String.valueOf(process.pid())).start().waitFor());
            for (TaskName task : tasksOf.get(victim)) {
              PathUtils.delete(job.instanceDir(task));
              wipedTasks.add(task.name());
            }
            wipedStart[0] = processJob.starts(victim) + 1;
          }
        });
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;
    Map<String, String> expected = job.expectedCounts();
    Map<String, String> actual = job.changelogContents();
    assertEquals(expected.size(), actual.size(), "keys in the store");
    assertEquals(expected, actual, "every count is exact");
    assertEquals(MESSAGES, CountingJob.checkpointedMessages(CountingJob.checkpoints(config)));

    List<RestoreLogLines> restores = new ArrayList<>(RestoreLogLines.parse(processJob.logFile("0")));
    restores.addAll(RestoreLogLines.parse(processJob.logFile("1")));
    long changelogRecords = ContainerKills.records(kafka, job.changelog, PARTITIONS);
    System.out.printf("%s: %d messages, %d kills, %d ms in all (%d msg/s incl. restarts); changelog %d records;"
        + " restores %s%n", prefix, MESSAGES, KILLS, elapsedMs, MESSAGES * 1000 / Math.max(1, elapsedMs),
        changelogRecords, restores);
    return new Outcome(restores, changelogRecords, wipedTasks, wipedStart[0]);
  }
}
