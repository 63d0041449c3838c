package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.view.JobConfig;
import io.strand.container.TaskName;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.checkpoint.CheckpointJson;
import io.strand.container.job.JobIdentity;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.container.testjobs.AwaitProcessingAfterStorePersist;
import io.strand.container.testjobs.CountingTask;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under at-least-once a commit waits for the producer's acknowledgements while the run loop goes
 * on processing, and the checkpoint it then writes names only what preceded its barrier: the
 * state the changelog holds up to the checkpointed changelog offset is exactly the counts of the
 * input up to the checkpointed input offset.
 */
@RealKafka
class CommitOverlapTest {

  private static final int MESSAGES = 8_000;
  private static final int WAIT_FOR = 100;

  @TempDir
  Path workDir;

  @Test
  void processingGoesOnWhileACommitWaitsAndItsCheckpointNamesTheStateAtItsBarrier(KafkaCluster kafka) throws Exception {
    // The first commit after 100 messages (normally the one at 2 s) is held after its store
    // persist (a slow acknowledgement) until 100 more messages were processed (50 ms of
    // throttling); throttled, the input lasts past 4 s, beyond the next commit, which waits for
    // the held one to end. The 2 s between commits leave room for the held commit's own steps on
    // a loaded machine: if the next commit came due before the 100 messages, the loop would wait
    // for the held one by design (at most one commit in flight) and the test would prove nothing.
    CountingJob job = new CountingJob(kafka, "overlap", 1, workDir)
        .with("task.commit.ms", "2000")
        .with("test.throttle.every", "20")
        .with("test.throttle.ms", "10")
        .with(AwaitProcessingAfterStorePersist.AWAIT_MESSAGES, String.valueOf(WAIT_FOR));
    Random random = new Random(17);
    List<String> input = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      input.add("k" + random.nextInt(50));
    }
    job.produce(input);
    Config config = job.config(ThreadJobFactory.class.getName());

    StreamJob streamJob = new ThreadJobFactory().getJob(config);
    streamJob.submit();
    assertEquals(JobStatus.SUCCEEDED, streamJob.waitForFinish(60_000));

    AwaitProcessingAfterStorePersist.Seen seen = AwaitProcessingAfterStorePersist.RESULTS.get(job.jobName);
    assertNotNull(seen, "a commit after " + WAIT_FOR + " messages reached its store persist");
    assertTrue(seen.processedWhileWaiting() >= WAIT_FOR, "messages processed while the held commit waited before"
        + " its checkpoint write: " + seen.processedWhileWaiting() + " (the run loop waited for the commit)");
    Checkpoint held = checkpointAfter(kafka, job, seen.releasedAtMs());
    long inputOffset = held.inputOffsets().values().iterator().next();
    assertTrue(inputOffset + 1 <= seen.processedAtPersist(), "the held commit's checkpoint names input offset "
        + inputOffset + ", processed when its store persist ended: " + seen.processedAtPersist());
    long changelogOffset = held.changelogOffsets().get(CountingTask.STORE);
    assertEquals(counts(input.subList(0, (int) inputOffset + 1)), changelogUpTo(kafka, job, changelogOffset),
        "the changelog up to the held commit's checkpointed offset " + changelogOffset + " holds the counts of the"
            + " input up to its offset " + inputOffset);
    assertEquals(job.expectedCounts(), job.changelogContents());
  }

  /** The task's first checkpoint record stamped at or after the given time (epoch ms). */
  private static Checkpoint checkpointAfter(KafkaCluster kafka, CountingJob job, long fromMs) {
    TaskName task = new TaskName("Partition 0");
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAllBytes(new JobIdentity(job.jobName, JobConfig.DEFAULT_JOB_ID)
        .checkpointTopic())) {
      if (r.value() != null && r.timestamp() >= fromMs
          && CheckpointJson.readKey(r.key()).task().equals(task.getTaskName())) {
        return CheckpointJson.readValue(task, r.value());
      }
    }
    throw new AssertionError("no checkpoint of " + task + " written after the held commit was let go at " + fromMs);
  }

  private static Map<String, String> counts(List<String> keys) {
    Map<String, Long> n = new TreeMap<>();
    keys.forEach(k -> n.merge(k, 1L, Long::sum));
    Map<String, String> m = new TreeMap<>();
    n.forEach((k, v) -> m.put(k, String.valueOf(v)));
    return m;
  }

  private static Map<String, String> changelogUpTo(KafkaCluster kafka, CountingJob job, long offset) {
    Map<String, String> state = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAllBytes(job.changelog)) {
      if (r.offset() <= offset) {
        state.put(new String(r.key(), StandardCharsets.UTF_8), new String(r.value(), StandardCharsets.UTF_8));
      }
    }
    return state;
  }
}
