package io.strand.container.runloop;

import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;

/**
 * Writes the store caches' dirty entries down in small slices while the run loop has nothing to
 * process and a timed commit is near, so that the commit's barrier, during which the loop neither
 * polls nor processes, writes only what was written again since. Without it a cache as large as a
 * job's key space (every key dirty at each commit) writes its whole key space at the barrier: 10 k
 * entries took 26-64 ms of the run loop at 110 k records/s, and the p99 of each commit's second
 * was that barrier (RESULTS.md, "Session 22 h1").
 *
 * <p>Slices run only in the loop's idle turns (where it would otherwise wait in a poll), each at
 * most {@value #SLICE} entries, and the loop polls without waiting after each: a record that
 * arrives meanwhile waits for one slice at most. Slices that run while the loop is busy (tried
 * first, every 1 ms in the last 50 ms) took the same time from the records as the barrier did.
 * A key written again after its slice is written again at the barrier, so a longer lead writes
 * more twice. Entries written ahead reach the changelog and the engine as evictions do, before the
 * checkpoint that covers them, so no guarantee changes.
 *
 * <p>Only under at-least-once ({@link Committer#overlaps()}): an exactly-once commit runs whole on
 * the run loop (the producers' flush, the transaction's commit), so slices would shorten little
 * of its stall and its caches defer their engine writes.
 *
 * <p>Threading: run loop thread only.
 */
final class FlushAhead {

  /** How long {@link #run} rests after finding nothing to do inside the lead, ns. */
  static final long REST_NANOS = 1_000_000;
  /** Most entries of a slice: a record arriving meanwhile waits for about this many writes. */
  static final int SLICE = 256;

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
   * When {@link #run} has something to do next; the loop compares it with the clock in its idle
   * turns, and waits in a poll no longer than until then.
   *
   * @return a {@link System#nanoTime()} time
   */
  long nextAt() {
    return nextAt;
  }

  /**
   * In an idle turn of the loop: writes one slice if the commit is near and entries are dirty, and
   * sets {@link #nextAt}.
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
    if (left <= 0) {
      nextAt = now + REST_NANOS; // the commit is due: its barrier comes next
      return 0;
    }
    int dirty = buffered.getAsInt();
    if (dirty == 0) {
      nextAt = now + REST_NANOS;
      return 0;
    }
    int written = writeAhead.applyAsInt(Math.min(SLICE, dirty));
    // At the next idle turn the next slice; if nothing could be written, rest (no spinning).
    nextAt = written > 0 ? now : now + REST_NANOS;
    return written;
  }
}
