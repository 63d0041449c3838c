package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.view.JobConfig;
import io.strand.container.job.JobIdentity;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.ProcessJob;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.container.transaction.TransactionSettings;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kill.KillLoop;
import io.strand.testkit.kill.KillThrottle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's zombie fencing test: two JVMs run the same container of an exactly-once job at once.
 * The process runner runs the job's one container; once it has committed some of its input, a
 * second JVM is started by hand with the runner's own command line for the same container id (as
 * a duplicate run, or a replacement whose predecessor still runs). The newer instance's
 * transactional producer fences the older one, which stops with the fencing error in its log and
 * commits nothing more; the output read {@code read_committed} holds each count exactly once.
 *
 * <p>A fenced container is a failed container, so the runner's retry policy applies (the client
 * cannot tell fencing by a duplicate from the broker's abort of a transaction that outlived
 * {@code transaction.timeout.ms}, which a restart fixes): with no retries the job fails and the
 * second instance finishes the input; with retries the runner's restarted instance fences the
 * second one in turn and finishes the input itself.
 */
@RealKafka
class ZombieFencingTest {

  private static final long JOB_TIMEOUT_MS = 180_000;

  @TempDir
  Path workDir;

  @Test
  void aSecondInstanceFencesTheFirstWhichStopsAndTheOutputHasNoDuplicate(KafkaCluster kafka) throws Exception {
    // At most 500 messages/s (20 ms every 10) until the fencing: 20 s of work at least, so the second instance
    // starts while the first is busy.
    Run run = run(kafka, "zombie", 10_000, 0);

    assertEquals(JobStatus.State.FAILED, run.status.state(), () -> "the fenced first instance failed, and with no"
        + " retry the runner does not restart it: " + run.status + run.logs());
    assertEquals(1, run.runner.starts("0"), run::logs);
    assertTrue(run.firstLog.contains(run.fencedMessage), () -> "the first instance's log names the fencing:"
        + run.logs());
    assertEquals(0, run.secondExit, () -> "the second instance finished the input: " + run.logs());
  }

  @Test
  void aFencedContainerIsRestartedByTheRetryPolicyAndFencesTheSecondInstanceInTurn(KafkaCluster kafka)
      throws Exception {
    // 24 s of work at least until the fencing: the runner's restart (a JVM start) fences the second instance
    // before it is done.
    Run run = run(kafka, "zombie-retry", 12_000, 3);

    assertEquals(JobStatus.SUCCEEDED, run.status, () -> "the runner's restarted instance finished: " + run.logs());
    assertEquals(2, run.runner.starts("0"), run::logs);
    assertTrue(run.firstLog.contains(run.fencedMessage), () -> "the first instance's log names the fencing:"
        + run.logs());
    assertEquals(1, run.secondExit, () -> "the second instance was fenced in turn: " + run.logs());
    assertTrue(run.secondLog.contains(run.fencedMessage), () -> "the second instance's log names the fencing:"
        + run.logs());
  }

  /** What a run left: the runner, its status, both instances' logs and the second one's exit code. */
  private record Run(ProcessJob runner, JobStatus status, String firstLog, String secondLog, int secondExit,
      String fencedMessage) {
    String logs() {
      return "\n--- first instance(s):\n" + firstLog + "\n--- second instance:\n" + secondLog;
    }
  }

  /**
   * Runs the counting job in exactly-once mode with one container, starts a second instance of it
   * once a tenth of the input is committed, waits for both, and checks the output and store.
   */
  private Run run(KafkaCluster kafka, String prefix, long messages, int retries) throws Exception {
    Path release = workDir.resolve("fenced");
    String output = kafka.uniqueTopic(prefix + "-out");
    kafka.client().createTopic(output, 2);
    CountingJob job = new CountingJob(kafka, prefix, 2, workDir).produceRandom(messages, 500, 0, prefix.hashCode())
        .with("task.delivery.guarantee", "exactly-once")
        .with("test.output.stream", output)
        .without("task.commit.ms") // the exactly-once default, 100 ms
        .with("cluster-manager.container.retry.count", String.valueOf(retries))
        // 500 messages/s until one of the two instances is out (released below).
        .withAll(KillThrottle.keys(10, 20, release));
    Config config = job.config(ProcessJobFactory.class.getName());
    String fenced = "fenced: another instance of this container started with transactional.id '"
        + TransactionSettings.transactionalId(new JobIdentity(job.jobName, JobConfig.DEFAULT_JOB_ID), "0") + "'";
    long started = System.nanoTime();
    ProcessJob runner = new ProcessJobFactory().newJob(config);
    runner.submit();
    awaitCommitted(config, runner, messages / 10);

    Path secondLog = workDir.resolve("second-instance-0.log");
    Process second = runner.containerProcessBuilder("0").redirectErrorStream(true)
        .redirectOutput(secondLog.toFile()).start();
    JobStatus status;
    try {
      awaitOneOut(runner, second);
      // One instance is out: the fencing this test is about has happened (the fenced first one failed the job when
      // it has no retry; with retries, the runner's restart fenced the second). The one left may run at full speed.
      KillLoop.release(release);
      status = runner.waitForFinish(JOB_TIMEOUT_MS);
      assertTrue(second.waitFor(JOB_TIMEOUT_MS, TimeUnit.MILLISECONDS), "the second instance ended");
    } finally {
      second.destroyForcibly();
    }
    Run run = new Run(runner, status, read(runner.logFile("0")), read(secondLog), second.exitValue(), fenced);
    System.out.printf("%s: %d messages, %d ms in all; job %s, second instance exit code %d%n", prefix, messages,
        (System.nanoTime() - started) / 1_000_000, status, second.exitValue());
    try {
      ExactlyOnceOutputs.assertExactlyOnce(kafka, output, job);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + run.logs(), e);
    }
    assertEquals(job.expectedCounts(), job.changelogContents(), "the store's counts are exact");
    assertEquals(messages, CountingJob.checkpointedMessages(CountingJob.checkpoints(config)));
    return run;
  }

  /**
   * Waits until the job's checkpoints cover at least {@code messages} messages: one consumer on the
   * checkpoint topic, read as it grows (this loop used to re-read the whole topic with a new
   * consumer, back to back, for as long as it waited).
   */
  private static void awaitCommitted(Config config, ProcessJob runner, long messages) {
    // Keyed off progress, as the kill loop's waits: on a loaded machine the container's start alone may take most of
    // a minute, which is slowness, not a hang; 90 s without a new checkpoint fail (and ten minutes in all).
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    long committed = 0;
    try (CheckpointWatch checkpoints = new CheckpointWatch(config)) {
      while (System.nanoTime() < Math.min(deadline, end)) {
        long now = CountingJob.checkpointedMessages(checkpoints.poll(Duration.ofMillis(200)));
        if (now >= messages) {
          return;
        }
        if (now > committed) {
          deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        }
        committed = now;
        if (runner.status().isFinished()) {
          throw new AssertionError("the job ended before the second instance started: " + runner.status());
        }
      }
    }
    throw new AssertionError("only " + committed + " of " + messages
        + " messages committed, none more for 90 s (or ten minutes in all)");
  }

  /**
   * Waits until the second instance has exited or the runner's job has ended, for at most
   * {@link #JOB_TIMEOUT_MS} (then returns: the waits that follow fail with what they find).
   */
  private static void awaitOneOut(ProcessJob runner, Process second) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOB_TIMEOUT_MS);
    while (System.nanoTime() < deadline && !runner.status().isFinished()
        && !second.waitFor(200, TimeUnit.MILLISECONDS)) {
      // polled: a process exit and a job state change have no common wait
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
