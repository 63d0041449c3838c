package io.strand.container.assembly;

import io.strand.container.runloop.RunLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What other threads see of a running {@link StreamContainer}: a stop request, which reaches the
 * run loop whenever it exists (also when it is asked before the loop is built), and whether the
 * loop has started, for callers that wait for it. The container's own thread attaches the loop
 * once it is built and says when the container ended, whatever the outcome.
 *
 * <p>Threading: {@link #stop} and {@link #awaitStarted} from any thread; {@link #attach} and
 * {@link #ended} from the container's thread.
 */
final class RunControl {
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private volatile RunLoop loop;

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
