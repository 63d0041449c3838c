package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.ProcessJob;
import io.strand.testkit.kafka.KafkaCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * What the SIGKILL tests of the {@link CountingJob} in process mode share: the kills themselves
 * (each once checkpoints have moved on), the job's end with one restart per kill, and the size of
 * the changelog the restarts are compared with.
 */
final class ContainerKills {

  /** Waiting fails after this long without any progress (more checkpointed messages, or a restart of the victim). */
  private static final long NO_PROGRESS_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(90);
  /** Waiting fails after this long in any case, progress or not. */
  private static final long TIMEOUT_NS = TimeUnit.MINUTES.toNanos(10);
  /** The longest one read of the checkpoint topic waits for new records (it returns at the first). */
  private static final Duration POLL_WAIT = Duration.ofMillis(200);

  private ContainerKills() {}

  /** Runs just before a kill, with the victim's process still running. */
  @FunctionalInterface
  interface BeforeKill {
    /**
     * @param kill the kill's number, from 1
     * @param victim the container about to be killed
     * @param process its process
     * @throws Exception to fail the test
     */
    void run(int kill, String victim, ProcessHandle process) throws Exception;
  }

  /**
   * Kills the job's two containers alternately (container 1, 0, 1, ...) {@code kills} times with
   * SIGKILL, each kill at a random point once the job has checkpointed past a target (kill k of
   * n: between k/(n+2) and k/(n+2) + 1/(4(n+2)) of the messages) and the victim's tasks past what
   * they had at its previous kill; then waits for the job to end. Asserts it succeeded (with the
   * containers' logs otherwise) and that each kill was followed by exactly one restart. A job a
   * failure leaves running is killed.
   *
   * @param config the job's config
   * @param job the submitted job (containers "0" and "1")
   * @param tasksOf each container's tasks
   * @param messages the messages of the job's input
   * @param kills how many kills
   * @param random where the kill points come from
   * @param jobTimeoutMs how long the job may take to end after the last kill, ms
   * @param beforeKill run before each kill
   * @throws Exception from {@code beforeKill}, or waiting for a killed process to exit (10 s)
   */
  static void killAndFinish(Config config, ProcessJob job, Map<String, List<TaskName>> tasksOf, long messages,
      int kills, Random random, long jobTimeoutMs, BeforeKill beforeKill) throws Exception {
    Map<String, Long> progressAtKill = new HashMap<>(Map.of("0", 0L, "1", 0L));
    JobStatus status;
    try (CheckpointWatch checkpoints = new CheckpointWatch(config)) {
      for (int kill = 1; kill <= kills; kill++) {
        String victim = String.valueOf(kill % 2);
        long target = messages * kill / (kills + 2) + (long) random.nextInt((int) (messages / (4 * (kills + 2))));
        long victimProgress = awaitProgress(checkpoints, job, victim, tasksOf.get(victim), target,
            progressAtKill.get(victim));
        ProcessHandle handle = job.containerProcess(victim).orElseThrow();
        beforeKill.run(kill, victim, handle);
        assertTrue(handle.destroyForcibly());
        handle.onExit().get(10, TimeUnit.SECONDS);
        progressAtKill.put(victim, victimProgress);
      }
      status = job.waitForFinish(jobTimeoutMs);
    } finally {
      stopIfRunning(job);
    }
    assertEquals(JobStatus.SUCCEEDED, status, () -> TrimAfterCrashTest.log(job));
    assertEquals(2 + kills, job.starts("0") + job.starts("1"), "each kill was followed by one restart");
  }

  /**
   * Waits until the job has checkpointed at least {@code target} messages in all, and the victim's
   * tasks more than they had at its previous kill (so its restarted JVM got back to work), with its
   * process running. The limit keys off progress, not the clock alone: on a heavily loaded machine
   * a restarted JVM may take long to restore and checkpoint again, which is slowness, not a hang;
   * only 90 s without the checkpointed messages growing or the
   * victim restarting fail the wait (and ten minutes in all).
   *
   * @return the victim's checkpointed messages
   * @throws AssertionError if the job ended first, or after 90 s without progress (10 min in all)
   */
  static long awaitProgress(CheckpointWatch watch, ProcessJob job, String victimId, List<TaskName> victimTasks,
      long target, long victimBefore) {
    long start = System.nanoTime();
    long lastProgress = start;
    long total = -1;
    long victim = -1;
    int victimStarts = job.starts(victimId);
    while (true) {
      Map<TaskName, Checkpoint> checkpoints = watch.poll(POLL_WAIT);
      long nowTotal = CountingJob.checkpointedMessages(checkpoints);
      Map<TaskName, Checkpoint> ofVictim = new HashMap<>(checkpoints);
      ofVictim.keySet().retainAll(victimTasks);
      long nowVictim = CountingJob.checkpointedMessages(ofVictim);
      int nowStarts = job.starts(victimId);
      long now = System.nanoTime();
      if (nowTotal > total || nowVictim > victim || nowStarts != victimStarts) {
        lastProgress = now;
      }
      total = nowTotal;
      victim = nowVictim;
      victimStarts = nowStarts;
      if (job.status().isFinished()) {
        throw new AssertionError("the job ended before every kill: " + job.status());
      }
      if (total >= target && victim > victimBefore && job.containerProcess(victimId).isPresent()) {
        return victim;
      }
      if (now - lastProgress > NO_PROGRESS_TIMEOUT_NS || now - start > TIMEOUT_NS) {
        throw new AssertionError("no progress to " + target + " messages (victim past " + victimBefore + "): "
            + (now - lastProgress > NO_PROGRESS_TIMEOUT_NS ? "none for 90 s" : "not there after 10 min")
            + "; last: " + total + " in all, " + victim + " by the victim, " + victimStarts + " victim starts");
      }
    }
  }

  /** The records a topic's partitions hold, up to their ends (transaction markers included). */
  static long records(KafkaCluster kafka, String topic, int partitions) throws Exception {
    try (Admin admin = kafka.client().admin()) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        request.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      return admin.listOffsets(request).all().get().values().stream().mapToLong(i -> i.offset()).sum();
    }
  }

  /**
   * Kills a job that a failed test leaves running: otherwise its supervisor goes on restarting
   * containers (into a deleted temporary directory) for the rest of the test JVM, loading the
   * machine under the next tests.
   *
   * @param job the job
   */
  static void stopIfRunning(ProcessJob job) {
    if (!job.status().isFinished()) {
      job.kill();
      job.waitForFinish(60_000);
    }
  }
}
