package io.strand.benchmarks.measure;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU counters from {@code /proc/stat}'s first ("cpu") line, in clock ticks of
 * {@value #TICKS_PER_SECOND} Hz ({@code USER_HZ}), read the same way by every sampler here.
 *
 * <p>Threading: stateless; any thread.
 */
final class ProcStat {

  /** {@code USER_HZ}: the unit of {@code /proc/stat}, 100 on every Linux architecture the JDK runs on. */
  static final int TICKS_PER_SECOND = 100;
  /** Busy fields of the cpu line: user, nice, system, irq, softirq, steal (idle, iowait and the guest fields, already in user, left out). */
  private static final int[] BUSY = {1, 2, 3, 6, 7, 8};
  private static final int STEAL = 8;

  private ProcStat() {}

  /**
   * Reads the machine's busy and steal ticks so far.
   *
   * @return {busy ticks, steal ticks}, or {-1, -1} where the file cannot be read (not Linux)
   */
  static long[] busyAndStealTicks() {
    try (BufferedReader r = Files.newBufferedReader(Path.of("/proc/stat"))) {
      String[] f = r.readLine().trim().split("\\s+");
      long busy = 0;
      for (int i : BUSY) {
        busy += i < f.length ? Long.parseLong(f[i]) : 0;
      }
      return new long[] {busy, STEAL < f.length ? Long.parseLong(f[STEAL]) : -1};
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
  }
}
