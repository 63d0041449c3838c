package io.strand.container.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stop that has not completed in time is reported once, naming what the container thread waits for. */
class StopWatchdogTest {

  private final Object lock = new Object();

  @Test
  void aThreadBlockedOnAMonitorIsReportedWithTheMonitorItsHolderAndItsStack() throws Exception {
    LinkedBlockingQueue<String> reports = new LinkedBlockingQueue<>();
    CountDownLatch entering = new CountDownLatch(1);
    Thread container = new Thread(() -> {
      entering.countDown();
      blockedOnTheLock();
    }, "test-container-thread");
    container.setDaemon(true);
    synchronized (lock) {
      container.start();
      assertTrue(entering.await(10, TimeUnit.SECONDS));
      StopWatchdog.watch("container 'c'", container, () -> "the run loop waits for 1 message(s) in flight",
          () -> false, 50, reports::add);
      String report = reports.poll(10, TimeUnit.SECONDS);
      assertNotNull(report, "no report of the stop within 10 s");
      assertTrue(report.startsWith("container 'c': the stop asked "), report);
      assertTrue(report.contains("the run loop waits for 1 message(s) in flight"), report);
      assertTrue(report.contains("'test-container-thread' is BLOCKED waiting for java.lang.Object@"), report);
      assertTrue(report.contains("held by thread '" + Thread.currentThread().getName() + "'"), report);
      assertTrue(report.contains("StopWatchdogTest.blockedOnTheLock"), report);
      assertTrue(report.contains("The holder '" + Thread.currentThread().getName() + "' is "), report);
    }
    container.join(10_000);
    assertEquals(null, reports.poll(), "reported once");
  }

  @Test
  void aParkedThreadIsReportedWithWhatItIsParkedOn() throws Exception {
    LinkedBlockingQueue<String> reports = new LinkedBlockingQueue<>();
    CompletableFuture<Void> commit = new CompletableFuture<>();
    Thread container = new Thread(commit::join, "test-parked-thread");
    container.setDaemon(true);
    container.start();
    try {
      StopWatchdog.watch("container 'c'", container, () -> "the run loop is in its final commit", () -> false, 50,
          reports::add);
      String report = reports.poll(10, TimeUnit.SECONDS);
      assertNotNull(report, "no report of the stop within 10 s");
      assertTrue(report.contains("'test-parked-thread' is WAITING waiting for java.util.concurrent.CompletableFuture"),
          report);
      assertTrue(report.contains("CompletableFuture.join"), report);
    } finally {
      commit.complete(null);
      container.join(10_000);
    }
  }

  @Test
  void aContainerThatEndedInTimeIsNotReported() throws Exception {
    LinkedBlockingQueue<String> ended = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<String> later = new LinkedBlockingQueue<>();
    Thread t = Thread.currentThread();
    StopWatchdog.watch("container 'a'", t, () -> "", () -> true, 20, ended::add);
    // One watchdog thread runs the checks in time order: once the later one reported, the first one ran.
    StopWatchdog.watch("container 'b'", t, () -> "", () -> false, 80, later::add);
    assertNotNull(later.poll(10, TimeUnit.SECONDS), "the later check did not run within 10 s");
    assertEquals(null, ended.poll(), "an ended container is not reported");
  }

  private void blockedOnTheLock() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }
}
