package io.strand.container.assembly;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Says why a container's stop takes long: when a stop asked of a container has not completed after
 * a few seconds ({@value #DEFAULT_WARN_AFTER_MS} ms by default), it reports once (a WARN line of the
 * container's log) the container thread's state, what it waits for (the monitor or lock it is
 * blocked on, or the object it is parked on, and the thread holding it, with that thread's stack),
 * what the run loop says it waits for, and the container thread's whole stack. A container that
 * does not stop is a real user problem (a deployment waits on it, or kills it and loses its last
 * commit); until this, such a hang left nothing in the log but the stop request.
 *
 * <p>Checks run on one shared daemon thread of the JVM ({@code strand-stop-watchdog}); a check reads
 * the other thread through {@link ThreadMXBean} and never blocks it. Nothing is reported when the
 * container ended in time; the check is cancelled then.
 *
 * <p>Threading: {@link #watch} from any thread; the report on the watchdog thread.
 */
final class StopWatchdog {

  /** How long a stop may take before it is reported, ms. */
  static final long DEFAULT_WARN_AFTER_MS = 5_000;
  /** Frames of a lock holder's stack in the report (the container thread's is whole). */
  private static final int OWNER_FRAMES = 24;

  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "strand-stop-watchdog");
    t.setDaemon(true);
    return t;
  });

  private StopWatchdog() {
  }

  /**
   * Reports once, after the given time, a stop that has not completed by then.
   *
   * @param who the container, for the report
   * @param thread the container's thread
   * @param loopState what the run loop says it waits for (read on the watchdog thread)
   * @param ended whether the container has ended (then nothing is reported)
   * @param afterMs how long the stop may take, ms
   * @param report where the report goes (the container's log at WARN)
   * @return the scheduled check, to cancel once the container ended
   */
  static ScheduledFuture<?> watch(String who, Thread thread, Supplier<String> loopState, BooleanSupplier ended,
      long afterMs, Consumer<String> report) {
    long asked = System.nanoTime();
    return TIMER.schedule(() -> {
      if (!ended.getAsBoolean()) {
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
        report.accept(describe(who, thread, tookMs, loopState.get()));
      }
    }, afterMs, TimeUnit.MILLISECONDS);
  }

  /**
   * The report: the thread's state, what it waits for and who holds it, the loop's state, the stack.
   *
   * @param who the container
   * @param thread its thread
   * @param tookMs how long ago the stop was asked, ms
   * @param loopState what the run loop says
   * @return the report, several lines
   */
  static String describe(String who, Thread thread, long tookMs, String loopState) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    ThreadInfo[] infos = mx.getThreadInfo(new long[] {thread.getId()}, true, true);
    ThreadInfo info = infos.length == 0 ? null : infos[0];
    StringBuilder s = new StringBuilder();
    s.append(who).append(": the stop asked ").append(tookMs).append(" ms ago has not completed; ")
        .append(loopState).append(". Container thread '").append(thread.getName()).append("' is ");
    if (info == null) {
      return s.append("gone (it ended without the container saying so)").toString();
    }
    s.append(info.getThreadState());
    LockInfo lock = info.getLockInfo();
    if (lock != null) {
      s.append(" waiting for ").append(lock);
      if (info.getLockOwnerName() != null) {
        s.append(" held by thread '").append(info.getLockOwnerName()).append('\'');
      }
    }
    if (info.isInNative()) {
      s.append(" (in native code)");
    }
    s.append(", at:");
    appendStack(s, info.getStackTrace(), Integer.MAX_VALUE);
    if (info.getLockOwnerId() >= 0) {
      ThreadInfo[] owners = mx.getThreadInfo(new long[] {info.getLockOwnerId()}, false, false);
      if (owners.length > 0 && owners[0] != null) {
        s.append("\nThe holder '").append(owners[0].getThreadName()).append("' is ").append(owners[0].getThreadState())
            .append(", at:");
        appendStack(s, owners[0].getStackTrace(), OWNER_FRAMES);
      }
    }
    return s.toString();
  }

  private static void appendStack(StringBuilder s, StackTraceElement[] stack, int max) {
    for (int i = 0; i < stack.length && i < max; i++) {
      s.append("\n\tat ").append(stack[i]);
    }
    if (stack.length > max) {
      s.append("\n\t... ").append(stack.length - max).append(" more");
    }
  }
}
