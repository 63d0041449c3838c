package io.strand.container.it;

import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.runner.ProcessJob;
import io.strand.testkit.kafka.KafkaCluster;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * What the SIGKILL tests of the {@link CountingJob} in process mode share: waiting for checkpoint
 * progress before a kill, and the size of the changelog the restarts are compared with.
 */
final class ContainerKills {

  /** Waiting fails after this long without any progress (more checkpointed messages, or a restart of the victim). */
  private static final long NO_PROGRESS_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(90);
  /** Waiting fails after this long in any case, progress or not. */
  private static final long TIMEOUT_NS = TimeUnit.MINUTES.toNanos(10);
  /** Between two reads of the checkpoints: each read is a new consumer, costly on a loaded machine. */
  private static final long POLL_PAUSE_MS = 200;

  private ContainerKills() {}

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
  static long awaitProgress(Config config, ProcessJob job, String victimId, List<TaskName> victimTasks,
      long target, long victimBefore) {
    long start = System.nanoTime();
    long lastProgress = start;
    long total = -1;
    long victim = -1;
    int victimStarts = job.starts(victimId);
    while (true) {
      Map<TaskName, Checkpoint> checkpoints = CountingJob.checkpoints(config);
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
      try {
        Thread.sleep(POLL_PAUSE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for progress", e);
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
