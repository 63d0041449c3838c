package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.container.testjobs.CountingTask;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.TopicSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changelog topic that cannot hold the job's state stops the job at start, before any task's
 * {@code init}, with an error naming the topic and what is wrong.
 */
@RealKafka
class WrongChangelogTest {

  private static final long JOB_TIMEOUT_MS = 60_000;

  @TempDir
  Path workDir;

  @Test
  void aChangelogThatIsNotCompactedFailsTheJobAtStart(KafkaCluster kafka) {
    CountingJob job = new CountingJob(kafka, "not-compacted", 2, workDir);
    kafka.client().createTopic(TopicSpec.of(job.changelog, 2).withConfig("cleanup.policy", "delete"));

    JobStatus status = run(job);

    assertFailedNaming(status, job, "compact");
  }

  @Test
  void aChangelogWithTooFewPartitionsFailsTheJobAtStart(KafkaCluster kafka) {
    CountingJob job = new CountingJob(kafka, "too-few-partitions", 4, workDir);
    kafka.client().createTopic(TopicSpec.of(job.changelog, 2).compacted());

    JobStatus status = run(job);

    assertFailedNaming(status, job, "partition");
  }

  private static JobStatus run(CountingJob job) {
    job.produce(List.of("a", "b", "c"));
    Config config = job.config(ThreadJobFactory.class.getName());
    StreamJob streamJob = new ThreadJobFactory().getJob(config);
    streamJob.submit();
    return streamJob.waitForFinish(JOB_TIMEOUT_MS);
  }

  private static void assertFailedNaming(JobStatus status, CountingJob job, String problem) {
    assertEquals(JobStatus.State.FAILED, status.state(), status::toString);
    String cause = status.cause().orElseThrow();
    assertTrue(cause.contains(job.changelog) && cause.contains(problem), cause);
    assertNull(CountingTask.INITS.get(job.jobName), "no task was initialized");
  }
}
