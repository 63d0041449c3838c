package io.strand.container.runloop;

import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;

/**
 * Writes the store caches' dirty entries down in slices as a timed commit nears, so that the
 * commit's barrier, during which the run loop neither polls nor processes, writes only what was
 * written again since. Without it a cache as large as a job's key space (every key dirty at each
 * commit) wrote its whole key space at the barrier: 10 k entries, 100-250 ms of the run loop on
 * the loaded 2-core machine at 110 k records/s (RESULTS.md, "Session 22 h1"). Spread over the
 * last {@code task.commit.write.ahead.ms} before the commit, one slice at most every
 * {@value #GAP_NANOS} ns, each sized so the dirty entries are written by the commit's time; a key
 * written again after its slice is written again at the barrier, so a shorter lead writes less
 * twice. Entries written ahead reach the changelog and the engine as evictions do, before the
 * checkpoint that covers them, so no guarantee changes.
 *
 * <p>Only under at-least-once ({@link Committer#overlaps()}): an exactly-once commit runs whole on
 * the run loop (the producers' flush, the transaction's commit), so slices would shorten little
 * of its stall and its caches defer their engine writes.
 *
 * <p>Threading: run loop thread only.
 */
final class FlushAhead {

  /** Least time between two slices, ns: polls and messages go on between them. */
  static final long GAP_NANOS = 1_000_000;
  /** Least entries of a slice: fewer cost more per entry than they save at the barrier. */
  static final int MIN_SLICE = 64;
  /**
   * Most entries of a slice: as many changelog sends as the send hand-off's queue holds
   * ({@code output.ProducerPool}), so a slice does not wait for the send thread.
   */
  static final int MAX_SLICE = 1_024;

  private final long leadNanos;
  private final IntSupplier buffered;
  private final IntUnaryOperator writeAhead;
  private long nextAt;

  /**
   * @param leadMs how long before a timed commit the slices start, ms; 0 or less: never
   * @param buffered the dirty entries now ({@link Committer#buffered()})
   * @param writeAhead writes up to its argument of them and returns how many it wrote
   *     ({@link Committer#writeAhead(int)})
   */
  FlushAhead(long leadMs, IntSupplier buffered, IntUnaryOperator writeAhead) {
    this.leadNanos = leadMs * 1_000_000L;
    this.buffered = buffered;
    this.writeAhead = writeAhead;
    this.nextAt = leadMs > 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
  }

  /**
   * When {@link #run} has something to do next; the loop compares it with the clock.
   *
   * @return a {@link System#nanoTime()} time
   */
  long nextAt() {
    return nextAt;
  }

  /**
   * Writes one slice if the commit is near, and sets {@link #nextAt}.
   *
   * @param now {@link System#nanoTime()}
   * @param commitAt when the next timed commit is due ({@link System#nanoTime()} time)
   * @return the entries written
   */
  int run(long now, long commitAt) {
    long left = commitAt - now;
    if (left > leadNanos) {
      nextAt = commitAt - leadNanos;
      return 0;
    }
    nextAt = now + GAP_NANOS;
    if (left <= 0) {
      return 0; // the commit is due: its barrier comes next
    }
    int dirty = buffered.getAsInt();
    if (dirty == 0) {
      return 0;
    }
    return writeAhead.applyAsInt(slice(dirty, left));
  }

  /**
   * The entries of one slice: the dirty ones spread over the slices left before the commit.
   *
   * @param dirty dirty entries now, at least 1
   * @param leftNanos time to the commit, ns, at least 1
   * @return between {@value #MIN_SLICE} and {@value #MAX_SLICE}
   */
  static int slice(int dirty, long leftNanos) {
    long slicesLeft = Math.max(1, leftNanos / GAP_NANOS);
    long n = (dirty + slicesLeft - 1) / slicesLeft;
    return (int) Math.max(MIN_SLICE, Math.min(MAX_SLICE, n));
  }
}
