package io.strand.benchmarks.progress;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The one hook the benchmark's task code calls per record, in every engine: it counts processed
 * records and marks the start of the timed window at the first one (printing the
 * {@link WorkerProtocol#START} line the harness samples CPU on). Counting costs one lazy store per
 * record, the same for every engine.
 *
 * <p>Threading: {@link #record()} is called by one processing thread per worker JVM (each workload
 * runs one task thread); the getters may be read from any thread.
 */
public final class Progress {

  private static final AtomicLong PROCESSED = new AtomicLong();
  private static volatile long startNanos;
  private static long count;

  private Progress() {
  }

  /** Counts one processed record; the first one starts the clock. */
  public static void record() {
    if (count == 0) {
      start();
    }
    PROCESSED.lazySet(++count);
  }

  /** Starts the clock now unless it is running (for workloads with no per-record hook: restore). */
  public static synchronized void start() {
    if (startNanos == 0) {
      startNanos = System.nanoTime();
      WorkerProtocol.emit(WorkerProtocol.START);
    }
  }

  /** @return records counted so far */
  public static long processed() {
    return PROCESSED.get();
  }

  /** @return {@link System#nanoTime()} at the first record, or 0 before it */
  public static long startNanos() {
    return startNanos;
  }
}
