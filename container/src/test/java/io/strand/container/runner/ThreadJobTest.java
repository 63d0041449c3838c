package io.strand.container.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.Partition;
import io.strand.container.TaskName;
import io.strand.container.status.StatusSettings;
import io.strand.container.input.BadMessagePolicy;
import io.strand.container.metrics.BadInputCounts;
import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.model.TaskModel;
import io.strand.container.progress.JobProgress;
import io.strand.container.runloop.CapturedLog;
import io.strand.system.SystemStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/** The thread runner's own bookkeeping, with fake containers (the real ones run in RunnerEndToEndTest). */
class ThreadJobTest {

  private static final JobModel MODEL = new JobModel("j", "1", "g", List.of(
      new ContainerModel("0", List.of(new TaskModel(new TaskName("Partition 0"), List.of(), new Partition(0)))),
      new ContainerModel("1", List.of(new TaskModel(new TaskName("Partition 1"), List.of(), new Partition(1))))));

  /** Runs until stopped, or fails when told to. */
  private static class FakeContainer implements RunnableContainer {
    final CountDownLatch stopped = new CountDownLatch(1);
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch failNow = new CountDownLatch(1);
    volatile boolean finishAtOnce;

    @Override
    public void run() {
      started.countDown();
      if (finishAtOnce) {
        return;
      }
      try {
        while (!stopped.await(5, TimeUnit.MILLISECONDS)) {
          if (failNow.getCount() == 0) {
            throw new IllegalStateException("task Partition 0 failed at offset 7");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void stop() {
      stopped.countDown();
    }
  }

  @Test
  void progressIsTheSumOverTheContainers() {
    ThreadJob job = new ThreadJob(MODEL, id -> {
      FakeContainer c = new FakeContainer() {
        @Override
        public JobProgress progress() {
          return id.equals("0") ? new JobProgress(JobProgress.Phase.RESTORING, 10, 20, 0, 0)
              : new JobProgress(JobProgress.Phase.PROCESSING, 0, 0, 300, 40);
        }
      };
      c.finishAtOnce = true;
      return c;
    });
    job.submit();
    job.waitForFinish(10_000);

    assertEquals(Optional.of(new JobProgress(JobProgress.Phase.RESTORING, 10, 20, 300, 40)), job.progress());
  }

  @Test
  void succeedsWhenEveryContainerFinishesByItself() {
    ThreadJob job = new ThreadJob(MODEL, id -> {
      FakeContainer c = new FakeContainer();
      c.finishAtOnce = true;
      return c;
    });
    job.submit();

    assertEquals(JobStatus.SUCCEEDED, job.waitForFinish(10_000));
  }

  @Test
  void aFailedContainerStopsTheOthersAndFailsTheJob() throws InterruptedException {
    Map<String, FakeContainer> containers = new ConcurrentHashMap<>();
    ThreadJob job = new ThreadJob(MODEL, id -> containers.computeIfAbsent(id, i -> new FakeContainer()));
    job.submit();
    assertTrue(containers.get("0").started.await(10, TimeUnit.SECONDS));
    assertEquals(JobStatus.RUNNING, job.status());

    containers.get("0").failNow.countDown();
    JobStatus status = job.waitForFinish(10_000);

    assertEquals(JobStatus.failed("container 0 failed: task Partition 0 failed at offset 7"), status);
    assertEquals(0, containers.get("1").stopped.getCount(), "container 1 was asked to stop");
  }

  @Test
  void killStopsEveryContainer() throws InterruptedException {
    Map<String, FakeContainer> containers = new ConcurrentHashMap<>();
    ThreadJob job = new ThreadJob(MODEL, id -> containers.computeIfAbsent(id, i -> new FakeContainer()));
    job.submit();
    assertTrue(containers.get("1").started.await(10, TimeUnit.SECONDS));

    job.kill();

    assertEquals(JobStatus.KILLED, job.waitForFinish(10_000));
    assertEquals(JobStatus.KILLED, job.status());
  }

  @Test
  void submitTwiceAndWaitBeforeSubmitAreErrors() {
    ThreadJob job = new ThreadJob(MODEL, id -> new FakeContainer());
    assertThrows(IllegalStateException.class, () -> job.waitForFinish(0));
    job.submit();
    assertThrows(IllegalStateException.class, job::submit);
    job.kill();
    assertEquals(JobStatus.KILLED, job.waitForFinish(10_000));
  }

  /** Finishes at once, having skipped or dead-lettered what it is given. */
  private static FakeContainer finishedWith(BadInputCounts counts) {
    FakeContainer c = new FakeContainer() {
      @Override
      public BadInputCounts badInput() {
        return counts;
      }
    };
    c.finishAtOnce = true;
    return c;
  }

  private static List<CapturedLog.Line> summaryLines(BadMessagePolicy policy,
      Map<String, BadInputCounts> byContainer) {
    try (CapturedLog log = new CapturedLog()) {
      ThreadJob job = new ThreadJob(MODEL, policy, StatusSettings.OFF, id -> finishedWith(byContainer.get(id)));
      job.submit();
      assertEquals(JobStatus.SUCCEEDED, job.waitForFinish(10_000));
      return log.containing("Job j-1: ", "undeserializable");
    }
  }

  @Test
  void theJobEndsWithOneLineSummingUpTheContainersSkippedAndDeadLetteredInput() {
    Map<String, BadInputCounts> counts = Map.of(
        "0", new BadInputCounts(Map.of("kafka.a", 2L), Map.of()),
        "1", new BadInputCounts(Map.of("kafka.a", 1L, "kafka.b", 3L), Map.of()));
    assertEquals(List.of(new CapturedLog.Line(Level.WARN, "Job j-1: skipped 6 undeserializable messages (kafka.a: 3,"
        + " kafka.b: 3), dead-lettered 0 (2 containers)")),
        summaryLines(new BadMessagePolicy(BadMessagePolicy.Kind.SKIP, Optional.empty()), counts));

    Map<String, BadInputCounts> none = Map.of("0", BadInputCounts.NONE, "1", BadInputCounts.NONE);
    assertEquals(List.of(new CapturedLog.Line(Level.INFO, "Job j-1: skipped 0 undeserializable messages,"
        + " dead-lettered 0 to kafka.dlq (2 containers)")), summaryLines(new BadMessagePolicy(
            BadMessagePolicy.Kind.DEAD_LETTER, Optional.of(new SystemStream("kafka", "dlq"))), none));

    assertEquals(List.of(), summaryLines(new BadMessagePolicy(BadMessagePolicy.Kind.FAIL, Optional.empty()), none),
        "nothing is ever skipped under the fail policy");
  }
}
