package io.strand.benchmarks.worker;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A latency-mode worker runs until its stdin reaches end of file: the harness closes the pipe (or
 * dies), as the testkit's child broker does.
 *
 * <p>Threading: one daemon thread reads stdin; {@link #await} may be called from any thread.
 */
final class StopSignal {

  private final CountDownLatch stopped = new CountDownLatch(1);

  /** @return a signal watching this JVM's stdin */
  static StopSignal onStdinClosed() {
    StopSignal signal = new StopSignal();
    Thread t = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() >= 0) {
          // Nothing is sent on the pipe; only its end matters.
        }
      } catch (IOException e) {
        // A broken pipe means the harness is gone: stop as well.
      }
      signal.stopped.countDown();
    }, "stdin-watch");
    t.setDaemon(true);
    t.start();
    return signal;
  }

  /**
   * @param maxMs the longest to wait, ms (a safety net if the harness never closes the pipe)
   * @throws InterruptedException if interrupted
   */
  void await(long maxMs) throws InterruptedException {
    stopped.await(maxMs, TimeUnit.MILLISECONDS);
  }
}
