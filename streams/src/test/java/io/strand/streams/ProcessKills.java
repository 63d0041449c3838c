package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.checkpoint.CheckpointSettings;
import io.strand.container.checkpoint.KafkaCheckpointManager;
import io.strand.container.coordinator.JobModels;
import io.strand.container.grouper.GroupByPartitionFactory;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.model.TaskModel;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.ProcessJob;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.container.TaskName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The kill loop of the streams kill tests, a small copy of container's {@code it.ContainerKills}
 * (bound to its counting job, in container's test classes, which no other module sees): runs a job
 * of two containers in process mode and SIGKILLs them in turn, each once checkpoints have moved on
 * since the previous kill and the job has checkpointed a share of its input; the runner restarts
 * them. Returns once the (bounded) job has succeeded with every record checkpointed. The job is
 * slowed by a {@link KillThrottle} (see {@link #throttle}) that this class releases after the last
 * kill.
 */
final class ProcessKills {

  private static final long JOB_TIMEOUT_MS = 300_000;
  /**
   * How long each kill waits for the job's checkpoints to move on, ms: 90 s, or
   * {@code -Dstrand.test.kills.progress.ms} on a machine so loaded that two containers take most of
   * that to start (session 13 and 14 saw 40-75 s at load averages of 30-50).
   */
  private static final long PROGRESS_TIMEOUT_MS = Long.getLong("strand.test.kills.progress.ms", 90_000);

  private ProcessKills() {
  }

  /**
   * Runs the job with kills.
   *
   * @param config the resolved job config (process runner, two containers)
   * @param total the records of the job's inputs
   * @param kills how many kills
   * @param random where in each share the kill lands
   * @throws Exception when waiting fails
   */
  static void run(Config config, long total, int kills, Random random) throws Exception {
    Path release = Path.of(config.get(KillThrottle.UNTIL_FILE).orElseThrow(() ->
        new IllegalArgumentException("a kill test's job needs ProcessKills.throttle(...) in its config")));
    ProcessJob job = new ProcessJobFactory().newJob(config);
    Map<String, List<TaskName>> tasksOf = new HashMap<>();
    JobModels.readLatest(config).containers().forEach(c ->
        tasksOf.put(c.id(), c.tasks().stream().map(TaskModel::taskName).toList()));
    job.submit();
    Map<String, Long> victimAtKill = new HashMap<>(Map.of("0", 0L, "1", 0L));
    JobStatus status;
    try {
      for (int kill = 1; kill <= kills; kill++) {
        String victim = String.valueOf(kill % 2);
        long target = total * kill / (kills + 2) + random.nextInt((int) (total / (4 * (kills + 2))));
        victimAtKill.put(victim, awaitProgress(config, job, victim, tasksOf.get(victim), target,
            victimAtKill.get(victim)));
        ProcessHandle handle = job.containerProcess(victim).orElseThrow();
        assertTrue(handle.destroyForcibly());
        handle.onExit().get(10, TimeUnit.SECONDS);
      }
      Files.createFile(release); // the kills are over: the job may now run at full speed
      status = job.waitForFinish(JOB_TIMEOUT_MS);
    } finally {
      // A failed run's job would otherwise go on restarting containers under the next tests.
      if (!job.status().isFinished()) {
        job.kill();
        job.waitForFinish(60_000);
      }
    }
    assertEquals(JobStatus.SUCCEEDED, status, () -> log(job));
    assertEquals(2 + kills, job.starts("0") + job.starts("1"), "each kill was followed by one restart");
    assertEquals(total, checkpointed(checkpoints(config)), "every record checkpointed");
  }

  /**
   * The config keys of the job's {@link KillThrottle}: a sleep of {@code sleepMs} every {@code every}
   * records per container until {@link #run} has made its last kill. Choose them so that a
   * container's share of the input takes several seconds at that rate: the kills land at 20 to 65 %
   * of the input, each after a container restart.
   *
   * @param workDir the test's directory, where the release file is created
   * @param every records between sleeps
   * @param sleepMs each sleep, ms
   * @return the keys to add to the job's config
   */
  static Map<String, String> throttle(Path workDir, int every, int sleepMs) {
    return Map.of(KillThrottle.EVERY, Integer.toString(every), KillThrottle.SLEEP_MS, Integer.toString(sleepMs),
        KillThrottle.UNTIL_FILE, workDir.resolve("kills-done").toString());
  }

  /**
   * Waits until the job has checkpointed {@code target} records in all and the victim's tasks
   * more than at its previous kill, with its process running; returns the victim's.
   */
  private static long awaitProgress(Config config, ProcessJob job, String victim, List<TaskName> victimTasks,
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
        + ") in " + PROGRESS_TIMEOUT_MS + " ms; last " + all + " in all, " + mine + " by the victim" + log(job));
  }

  private static Map<TaskName, Checkpoint> checkpoints(Config config) {
    try (KafkaCheckpointManager checkpoints = KafkaCheckpointManager.create(CheckpointSettings.fromConfig(config),
        new KafkaSystems(config), GroupByPartitionFactory.class.getName())) {
      checkpoints.start();
      return new TreeMap<>(checkpoints.readLastCheckpoints());
    }
  }

  /** Records durably processed from the inputs: the sum of checkpointed offset + 1 over their partitions. */
  private static long checkpointed(Map<TaskName, Checkpoint> checkpoints) {
    return checkpoints.values().stream().flatMap(c -> c.inputOffsets().values().stream()).mapToLong(o -> o + 1).sum();
  }

  private static String log(ProcessJob job) {
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
