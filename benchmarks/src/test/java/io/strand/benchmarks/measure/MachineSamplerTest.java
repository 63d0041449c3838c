package io.strand.benchmarks.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sampler's CSV: a header naming each watched process's columns, then rising times and counters. */
class MachineSamplerTest {

  @Test
  void samplesTheWatchedProcessesCpuAndRunQueueWaitWithWallClockTimes(@TempDir Path dir) throws Exception {
    List<String> lines = sample(dir, true);
    assertTrue(Long.parseLong(lines.get(lines.size() - 1).split(",")[4]) >= 0);
  }

  @Test
  void theHiccupColumnIsMinusOneWhenTheMeterIsOff(@TempDir Path dir) throws Exception {
    List<String> lines = sample(dir, false);
    for (String l : lines.subList(1, lines.size())) {
      assertEquals("-1", l.split(",")[4], l);
    }
  }

  private static List<String> sample(Path dir, boolean hiccups) throws Exception {
    Path csv = dir.resolve("machine.csv");
    long before = System.currentTimeMillis();
    try (MachineSampler s = new MachineSampler(csv, List.of(ProcessHandle.current()), List.of("self"), 20, hiccups)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      long spin = 0;
      while (Files.readAllLines(csv).size() < 6 && System.nanoTime() < deadline) {
        spin += Long.numberOfTrailingZeros(spin + System.nanoTime()); // some CPU for the counters
      }
      if (spin == Long.MIN_VALUE) {
        throw new AssertionError("unreachable");
      }
    }
    List<String> lines = Files.readAllLines(csv);
    assertEquals("epoch_ms,busy_ticks,steal_ticks,psi_some_us,hiccup_max_us,self_cpu_ns,self_runwait_ns", lines.get(0));
    assertTrue(lines.size() >= 6, "samples: " + lines);
    String[] first = lines.get(1).split(",");
    String[] last = lines.get(lines.size() - 1).split(",");
    assertEquals(7, last.length);
    assertTrue(Long.parseLong(first[0]) >= before && Long.parseLong(last[0]) > Long.parseLong(first[0]));
    // This JVM's threads used CPU between the first sample and the last; counters never fall.
    assertTrue(Long.parseLong(last[5]) > Long.parseLong(first[5]), lines.toString());
    assertTrue(Long.parseLong(last[1]) >= Long.parseLong(first[1]));
    return lines;
  }
}
