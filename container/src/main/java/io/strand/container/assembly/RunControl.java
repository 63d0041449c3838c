package io.strand.container.assembly;

import io.strand.container.runloop.RunLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What other threads see of a running {@link StreamContainer}: a stop request, which reaches the
 * run loop whenever it exists (also when it is asked before the loop is built), and whether the
 * loop has started, for callers that wait for it. The container's own thread attaches the loop
 * once it is built and says when the container ended, whatever the outcome. A stop that has not
 * completed after a few seconds is reported once, with what the container thread waits for
 * ({@link StopWatchdog}).
 *
 * <p>Threading: {@link #stop} and {@link #awaitStarted} from any thread; {@link #attach} and
 * {@link #ended} from the container's thread.
 */
final class RunControl {
  private static final Logger LOG = LoggerFactory.getLogger(RunControl.class);

  private final CountDownLatch ended = new CountDownLatch(1);
  private final String who;
  private final long warnAfterMs;
  private volatile boolean stopRequested;
  private volatile RunLoop loop;
  private volatile Thread thread;
  private ScheduledFuture<?> watchdog;

  /**
   * @param who the container, for the slow-stop report
   * @param warnAfterMs how long a stop may take before it is reported, ms
   */
  RunControl(String who, long warnAfterMs) {
    this.who = who;
    this.warnAfterMs = warnAfterMs;
  }

  /**
   * The container runs on the calling thread from now on (the one a slow stop's report shows).
   */
  void running() {
    thread = Thread.currentThread();
    if (stopRequested) {
      watchStop();
    }
  }

  /**
   * The container's run loop is built: from now on stop requests go to it, and one made before
   * stops it at once.
   *
   * @param runLoop the loop, not yet running
   */
  void attach(RunLoop runLoop) {
    loop = runLoop;
    if (stopRequested) {
      runLoop.stop();
    }
  }

  /** The container returned or failed: waiters stop waiting for its loop. */
  void ended() {
    ended.countDown();
    synchronized (this) {
      if (watchdog != null) {
        watchdog.cancel(false);
      }
    }
  }

  /**
   * Asks for a clean stop (see {@link StreamContainer#stop()}); returns at once.
   */
  void stop() {
    stopRequested = true;
    RunLoop l = loop;
    if (l != null) {
      l.stop();
    }
    watchStop();
  }

  /** Reports the stop once if it has not completed within {@code warnAfterMs} (the first stop asked only). */
  private synchronized void watchStop() {
    Thread t = thread;
    if (watchdog != null || t == null || ended.getCount() == 0) {
      return;
    }
    watchdog = StopWatchdog.watch(who, t, this::loopState, () -> ended.getCount() == 0, warnAfterMs, LOG::warn);
  }

  private String loopState() {
    RunLoop l = loop;
    return l == null ? "the container is still starting (its run loop is not built yet)" : l.describeStop();
  }

  /**
   * Waits until the run loop runs (or the container has already ended).
   *
   * @param timeoutMs the longest to wait, in ms
   * @return true once the run loop has started; false on timeout, on interrupt (the flag is set
   *     again) or if the container ended before its loop started
   */
  boolean awaitStarted(long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    try {
      while (true) {
        RunLoop l = loop;
        if (l != null) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          return l.awaitStarted(Math.max(0, left)) && l.hasStarted();
        }
        // The loop is built late in the start: poll for it, returning early if the container ended.
        if (ended.await(10, TimeUnit.MILLISECONDS)) {
          l = loop;
          return l != null && l.hasStarted();
        }
        if (System.nanoTime() >= deadline) {
          return false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
