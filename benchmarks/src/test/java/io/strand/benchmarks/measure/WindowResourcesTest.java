package io.strand.benchmarks.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A window's CPU figures, and the fallback when the "broker" cannot be attached to (a JVM may not
 * attach to itself): the request and GC figures are absent (-1), the CPU figures still come.
 */
class WindowResourcesTest {

  @Test
  void measuresTheJobsCpuOverTheWindowAndSaysWhenTheBrokersMetersAreMissing() throws Exception {
    try (WindowResources r = new WindowResources(ProcessHandle.current())) {
      r.job(ProcessHandle.current());
      assertTrue(r.last().isEmpty());
      r.windowOpened();
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
      long spin = 0;
      while (System.nanoTime() < end) {
        spin += Long.numberOfTrailingZeros(spin + System.nanoTime()); // keep one core busy
      }
      r.windowClosed();
      WindowResources.Usage u = r.last().orElseThrow();
      assertTrue(u.seconds() >= 0.3, "window " + u.seconds() + " s, spin " + spin);
      // One thread was busy for the whole window; /proc's tick resolution leaves some slack.
      assertTrue(u.jobCores() > 0.3, "job cores " + u.jobCores());
      assertEquals(u.jobCores(), u.harnessCores(), 0.2);
      assertEquals(-1, u.brokerFetchesPerSec());
      assertEquals(-1, u.brokerGcMs());
      // The job, the broker and the harness are this one JVM here: the machine's other processes
      // used what is left, which is never negative and at most the machine's cores.
      assertTrue(u.otherCores() >= 0 && u.otherCores() <= Runtime.getRuntime().availableProcessors() + 0.5,
          "other cores " + u.otherCores());
    }
  }
}
