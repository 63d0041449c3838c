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

  private static final long PROGRESS_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(90);

  private ContainerKills() {}

  /**
   * Waits until the job has checkpointed at least {@code target} messages in all, and the victim's
   * tasks more than they had at its previous kill (so its restarted JVM got back to work), with its
   * process running.
   *
   * @return the victim's checkpointed messages
   * @throws AssertionError if the job ended first, or after 90 s without that progress
   */
  static long awaitProgress(Config config, ProcessJob job, String victimId, List<TaskName> victimTasks,
      long target, long victimBefore) {
    long deadline = System.nanoTime() + PROGRESS_TIMEOUT_NS;
    long total = 0;
    long victim = 0;
    while (System.nanoTime() < deadline) {
      Map<TaskName, Checkpoint> checkpoints = CountingJob.checkpoints(config);
      total = CountingJob.checkpointedMessages(checkpoints);
      Map<TaskName, Checkpoint> ofVictim = new HashMap<>(checkpoints);
      ofVictim.keySet().retainAll(victimTasks);
      victim = CountingJob.checkpointedMessages(ofVictim);
      if (job.status().isFinished()) {
        throw new AssertionError("the job ended before every kill: " + job.status());
      }
      if (total >= target && victim > victimBefore && job.containerProcess(victimId).isPresent()) {
        return victim;
      }
    }
    throw new AssertionError("no progress to " + target + " messages (victim past " + victimBefore + ") within 90 s;"
        + " last: " + total + " in all, " + victim + " by the victim");
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
}
