package io.strand.benchmarks.harness;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Lets the machine settle before a latency run, so that every engine's run starts from the same
 * state instead of inheriting the previous run's aftermath: the first latency run follows the
 * throughput rounds, and each later one follows the previous engine's 50 % point (the raw
 * passthrough's is the highest load of the suite), its worker's shutdown and the deletion of its
 * topics. Before this, whichever engine came second paid for it: the input hop alone (no job
 * involved) had a p99 of 79 ms before Strand's passthrough against 33 ms before Strand's count in
 * the same run.
 *
 * <p>Two steps: {@code sync} (best effort; the previous runs' dirty pages are written now, not
 * during the next measurement), then wait until the broker JVM used less than
 * {@value #QUIET_CORE_SHARE} of a core over {@value #SAMPLE_MS} ms, at most twice the latency warm-up (10 s in the
 * default suite, at most 4 s in the quick one, whose numbers nobody judges, and 2 s in CI's smoke
 * run: CI's time stays short). The
 * broker's {@code log.segment.delete.delay.ms=0} (the suite's broker) makes deleted topics' files
 * go at once, inside this wait, rather than 60 s later inside some other engine's run.
 *
 * <p>Threading: the caller's.
 */
final class Settle {

  /** Share of one core below which the broker counts as quiet. */
  static final double QUIET_CORE_SHARE = 0.05;
  /** Sampling period of the broker's CPU time, ms. */
  static final long SAMPLE_MS = 500;

  private Settle() {
  }

  /**
   * @param broker the broker JVM
   * @param max the longest to wait in all
   * @return how long it took
   * @throws InterruptedException if interrupted
   */
  static Duration await(ProcessHandle broker, Duration max) throws InterruptedException {
    long start = System.nanoTime();
    sync(max);
    long deadline = start + max.toNanos();
    long before = cpuNanos(broker);
    while (System.nanoTime() < deadline && before >= 0) {
      Thread.sleep(SAMPLE_MS); // sampling a rate: the wait is the measurement
      long now = cpuNanos(broker);
      if (now - before < QUIET_CORE_SHARE * TimeUnit.MILLISECONDS.toNanos(SAMPLE_MS)) {
        break;
      }
      before = now;
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static void sync(Duration max) throws InterruptedException {
    try {
      Process p = new ProcessBuilder("sync").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!p.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroy();
      }
    } catch (IOException e) {
      // No sync command (not Linux): the CPU wait still applies.
    }
  }

  private static long cpuNanos(ProcessHandle p) {
    return p.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }
}
