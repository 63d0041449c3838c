package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.job.JobIdentity;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.ProcessJob;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.container.transaction.TransactionSettings;
import io.strand.config.view.JobConfig;
import io.strand.testkit.kafka.BrokerSettings;
import io.strand.testkit.kafka.EmbeddedKafkaBroker;
import io.strand.testkit.kill.KillLoop;
import io.strand.testkit.kill.KillThrottle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker of an exactly-once job restarts in the middle of the run (issue 14): a broker of its
 * own (not the shared one, whose other tests would see the outage) is shut down for a few seconds
 * while the process runner's containers are sending, committing and reading, and started again on
 * the same port and data. The job must end {@code SUCCEEDED} with its {@code read_committed} output
 * exactly once and its store exact, and no transaction of the job may be left open or half done.
 *
 * <p>What the containers do during the outage is defined either way: the Kafka clients ride it out
 * (sends are retried within {@code delivery.timeout.ms}, a commit in progress waits up to
 * {@code max.block.ms} for the broker and then completes), or a container fails with a message
 * naming job, container and cause ("Kafka did not answer in time", its open transaction aborted)
 * and the runner restarts it (the restart policy here allows 5 failures). With an outage of a few
 * seconds the clients ride it out; the test accepts either and checks the output is exactly once.
 */
class ExactlyOnceBrokerRestartTest {

  private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceBrokerRestartTest.class);

  private static final long JOB_TIMEOUT_MS = 240_000;
  private static final int MESSAGES = 20_000;
  /** How long the broker stays away: longer than a commit interval and the clients' reconnect backoff. */
  private static final long OUTAGE_MS = 5_000;

  @TempDir
  Path workDir;

  @Test
  void aBrokerRestartMidRunLeavesTheOutputExactlyOnceAndNoTransactionOpen() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults())) {
      CountingJob job = new CountingJob(broker, "eos-broker-restart", 4, workDir).produceRandom(MESSAGES, 500, 0, 13);
      String output = ExactlyOnceTest.output(broker, "eos-broker-restart");
      // Throttled to at least 10 s per container even on a fast machine, so the outage falls mid-run:
      // 100 ms every 100 messages of a task, until the broker is back (released then: the rest runs at full speed).
      Path release = workDir.resolve("broker-back");
      Config config = ExactlyOnceTest.config(job, output)
          .with("job.container.count", "2")
          .withAll(KillThrottle.keys(100, 100, release))
          .with("cluster-manager.container.retry.count", "5")
          .config(ProcessJobFactory.class.getName());
      ProcessJob run = new ProcessJobFactory().newJob(config);
      run.submit();

      broker.client().consumeUntil(output, records -> records.size() >= MESSAGES / 4 || run.status().isFinished(),
          Duration.ofSeconds(120));
      assertEquals(JobStatus.RUNNING, run.status(),
          () -> "the job ended before the outage: " + TrimAfterCrashTest.log(run));
      broker.shutDown();
      // The outage itself, not a wait for a condition: the broker is away for this long.
      TimeUnit.MILLISECONDS.sleep(OUTAGE_MS);
      broker.restart();
      KillLoop.release(release);

      JobStatus status = run.waitForFinish(JOB_TIMEOUT_MS);
      String logs = TrimAfterCrashTest.log(run);
      assertEquals(JobStatus.SUCCEEDED, status, () -> status + logs);
      for (String container : List.of("0", "1")) {
        assertRestartsExplained(run, container, job, logs);
      }
      try {
        ExactlyOnceOutputs.assertExactlyOnce(broker, output, job);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + logs, e);
      }
      assertEquals(job.expectedCounts(), job.changelogContents(), "the store's counts are exact");
      assertNoTransactionOpen(broker, job, output);
    }
  }

  /** A container started more than once failed with a message naming the job, the container and the cause. */
  private static void assertRestartsExplained(ProcessJob run, String container, CountingJob job, String logs)
      throws Exception {
    int starts = run.starts(container);
    if (starts == 1) {
      return; // rode the outage out
    }
    String log = Files.readString(run.logFile(container));
    String who = "job '" + job.jobName + "' (id " + JobConfig.DEFAULT_JOB_ID + ") container '" + container + "'";
    long failures = log.lines().filter(l -> l.contains(who) && l.contains("failed")).count();
    assertTrue(failures >= starts - 1, () -> "container " + container + " was started " + starts + " times; each"
        + " failure is logged naming " + who + " and its cause:" + logs);
  }

  /**
   * Every transaction of the job ended, committed or aborted, none ongoing or half way (the
   * exactly-once check of the output already shows no committed record is missing or repeated).
   * Logs how many output records {@code read_uncommitted} sees beyond the committed ones: those of
   * aborted transactions.
   */
  private static void assertNoTransactionOpen(EmbeddedKafkaBroker broker, CountingJob job, String output)
      throws Exception {
    JobIdentity identity = new JobIdentity(job.jobName, JobConfig.DEFAULT_JOB_ID);
    List<String> ids = List.of("0", "1").stream().map(c -> TransactionSettings.transactionalId(identity, c)).toList();
    try (Admin admin = broker.client().admin()) {
      Map<String, TransactionDescription> described = admin.describeTransactions(ids).all().get(30, TimeUnit.SECONDS);
      described.forEach((id, d) -> assertTrue(d.state() == TransactionState.COMPLETE_COMMIT
          || d.state() == TransactionState.COMPLETE_ABORT || d.state() == TransactionState.EMPTY,
          () -> id + " is " + d.state() + ", expected its last transaction committed or aborted"));
    }
    List<ConsumerRecord<String, String>> uncommitted = broker.client().readAll(output, new StringDeserializer(),
        new StringDeserializer(), Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"));
    LOG.info("{}: {} output record(s) of aborted transactions", job.jobName, uncommitted.size() - job.messages());
  }
}
