package io.strand.nexmark.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a worker's CPU over the timed window went, by Java thread (a diagnostic for the worker's
 * log; the result line's CPU is the process's): each live thread's CPU time at {@link #start()}
 * and at {@link #since()}, threads started in between counted from zero. What the process used
 * beyond the Java threads' sum is the JVM's own threads (GC, JIT compilers) and threads that ended.
 * Threading: {@link #start()} and {@link #since()} may run on different threads; start happens
 * before since (the monitor's callback runs before it returns).
 */
final class ThreadCpu {
  private final ThreadMXBean bean = ManagementFactory.getThreadMXBean();
  private volatile Map<Long, Long> atStart = Map.of();
  private volatile long compilationAtStart;

  /** Takes every live thread's CPU time now. */
  void start() {
    Map<Long, Long> m = new HashMap<>();
    for (long id : bean.getAllThreadIds()) {
      long ns = bean.getThreadCpuTime(id);
      if (ns >= 0) {
        m.put(id, ns);
      }
    }
    atStart = m;
    compilationAtStart = compilationMs();
  }

  /** The JIT compilers' accumulated time, ms (approximate: elapsed time in compilation), or -1. */
  private static long compilationMs() {
    var jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
  }

  /** @return the threads' CPU since {@link #start()}, ms, largest first (those over 10 ms), and their sum */
  String since() {
    Map<Long, Long> start = atStart;
    List<String> parts = new ArrayList<>();
    List<long[]> used = new ArrayList<>();
    long sum = 0;
    for (long id : bean.getAllThreadIds()) {
      long ns = bean.getThreadCpuTime(id);
      if (ns < 0) {
        continue;
      }
      long d = ns - start.getOrDefault(id, 0L);
      sum += d;
      used.add(new long[] {id, d});
    }
    used.sort((a, b) -> Long.compare(b[1], a[1]));
    for (long[] u : used) {
      if (u[1] < 10_000_000L) {
        break;
      }
      var info = bean.getThreadInfo(u[0]);
      parts.add((info == null ? "#" + u[0] : info.getThreadName()) + "=" + u[1] / 1_000_000);
    }
    return "JIT compilation " + (compilationMs() - compilationAtStart) + " ms; java threads " + sum / 1_000_000
        + " ms: " + String.join(", ", parts);
  }
}
