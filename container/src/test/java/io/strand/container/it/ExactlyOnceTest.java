package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.ProcessJob;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exactly-once mode end to end on the real broker: a keyed counting job that emits every count
 * produces exactly one output per input, read {@code read_committed}, with its store exact — in a
 * plain run, and through a task exception mid-transaction followed by the runner's restart.
 */
@RealKafka
class ExactlyOnceTest {

  private static final long JOB_TIMEOUT_MS = 180_000;

  @TempDir
  Path workDir;

  @Test
  void aThreadRunnerJobEmitsEachCountOnce(KafkaCluster kafka) throws Exception {
    CountingJob job = new CountingJob(kafka, "eos-plain", 4, workDir).produceRandom(20_000, 500, 0, 7);
    String output = output(kafka, "eos-plain");
    Config config = config(job, output).config(ThreadJobFactory.class.getName());

    StreamJob run = new ThreadJobFactory().getJob(config);
    run.submit();
    assertEquals(JobStatus.SUCCEEDED, run.waitForFinish(JOB_TIMEOUT_MS), () -> run.status().toString());

    ExactlyOnceOutputs.assertExactlyOnce(kafka, output, job);
    assertEquals(job.expectedCounts(), job.changelogContents(), "the store's counts are exact");
  }

  @Test
  void aTaskExceptionAbortsTheTransactionAndTheRetryStartsFromTheCheckpoint(KafkaCluster kafka) throws Exception {
    CountingJob job = new CountingJob(kafka, "eos-fail", 2, workDir).produceRandom(40_000, 500, 0, 11);
    String output = output(kafka, "eos-fail");
    Path marker = workDir.resolve("failed-once");
    Config config = config(job, output)
        .with("test.fail.at.offset", "15000")
        .with("test.fail.once.file", marker.toString())
        .with("cluster-manager.container.retry.count", "3")
        .config(ProcessJobFactory.class.getName());

    ProcessJob run = new ProcessJobFactory().newJob(config);
    run.submit();
    assertEquals(JobStatus.SUCCEEDED, run.waitForFinish(JOB_TIMEOUT_MS), () -> TrimAfterCrashTest.log(run));

    assertTrue(Files.exists(marker), "the task failed once");
    assertEquals(2, run.starts("0"), "the failed container was started again");
    try {
      ExactlyOnceOutputs.assertExactlyOnce(kafka, output, job);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + TrimAfterCrashTest.log(run), e);
    }
    assertEquals(job.expectedCounts(), job.changelogContents(), "the store's counts are exact");
  }

  @Test
  void aTransactionOpenLongerThanItsTimeoutIsAbortedAndTheRetryEmitsEachCountOnce(KafkaCluster kafka)
      throws Exception {
    CountingJob job = new CountingJob(kafka, "eos-timeout", 2, workDir).produceRandom(20_000, 500, 0, 13);
    String output = output(kafka, "eos-timeout");
    Path marker = workDir.resolve("stalled-once");
    // The test broker checks for expired transactions every second (its
    // transaction.abort.timed.out.transaction.cleanup.interval.ms): a 2 s timeout has long expired in a 7 s stall.
    Config config = config(job, output)
        .with("systems.kafka.producer.transaction.timeout.ms", "2000")
        .with("test.stall.at.offset", "5000")
        .with("test.stall.ms", "7000")
        .with("test.stall.once.file", marker.toString())
        .with("cluster-manager.container.retry.count", "3")
        .config(ProcessJobFactory.class.getName());

    ProcessJob run = new ProcessJobFactory().newJob(config);
    run.submit();
    assertEquals(JobStatus.SUCCEEDED, run.waitForFinish(JOB_TIMEOUT_MS), () -> TrimAfterCrashTest.log(run));

    assertTrue(Files.exists(marker), "the task stalled once");
    String log = TrimAfterCrashTest.log(run);
    assertEquals(2, run.starts("0"), "the container whose transaction expired failed and was started again: " + log);
    String failure = log.lines().filter(l -> l.contains("container 0 failed")).findFirst().orElse("");
    assertTrue(failure.contains("exactly-once: the commit failed: fenced") && failure.contains("transaction.timeout.ms"),
        "the failure names the transaction and its timeout: " + failure);
    ExactlyOnceOutputs.assertExactlyOnce(kafka, output, job);
    assertEquals(job.expectedCounts(), job.changelogContents(), "the store's counts are exact");
  }

  static String output(KafkaCluster kafka, String prefix) {
    String output = kafka.uniqueTopic(prefix + "-out");
    kafka.client().createTopic(output, 4);
    return output;
  }

  static CountingJob config(CountingJob job, String output) {
    return job.with("task.delivery.guarantee", "exactly-once")
        .with("test.output.stream", output)
        .without("task.commit.ms"); // the exactly-once default, 100 ms
  }
}
