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

  private static final int MESSAGES = 4_000;
  private static final int WAIT_FOR = 100;

  @TempDir
  Path workDir;

  @Test
  void processingGoesOnWhileACommitWaitsAndItsCheckpointNamesTheStateAtItsBarrier(KafkaCluster kafka) throws Exception {
    // The first commit (at 500 ms) is held after its store persist (a slow acknowledgement) until
    // 100 more messages were processed (25 ms of throttling); throttled, the input lasts past 1 s,
    // beyond the next commit, which waits for the first to end.
    CountingJob job = new CountingJob(kafka, "overlap", 1, workDir)
        .with("task.commit.ms", "500")
        .with("test.throttle.every", "20")
        .with("test.throttle.ms", "5")
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
    assertNotNull(seen, "the first commit reached its store persist");
    assertTrue(seen.processedWhileWaiting() >= WAIT_FOR, "messages processed while the first commit waited before"
        + " its checkpoint write: " + seen.processedWhileWaiting() + " (the run loop waited for the commit)");
    Checkpoint first = checkpointRecords(kafka, job).get(0);
    long inputOffset = first.inputOffsets().values().iterator().next();
    assertTrue(inputOffset + 1 <= seen.processedAtPersist(), "the first checkpoint names input offset " + inputOffset
        + ", processed when its store persist ended: " + seen.processedAtPersist());
    long changelogOffset = first.changelogOffsets().get(CountingTask.STORE);
    assertEquals(counts(input.subList(0, (int) inputOffset + 1)), changelogUpTo(kafka, job, changelogOffset),
        "the changelog up to the first checkpoint's offset " + changelogOffset + " holds the counts of the input up to"
            + " its offset " + inputOffset);
    assertEquals(job.expectedCounts(), job.changelogContents());
  }

  private static List<Checkpoint> checkpointRecords(KafkaCluster kafka, CountingJob job) {
    TaskName task = new TaskName("Partition 0");
    List<Checkpoint> all = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAllBytes(new JobIdentity(job.jobName, JobConfig.DEFAULT_JOB_ID)
        .checkpointTopic())) {
      if (r.value() != null && CheckpointJson.readKey(r.key()).task().equals(task.getTaskName())) {
        all.add(CheckpointJson.readValue(task, r.value()));
      }
    }
    return all;
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
