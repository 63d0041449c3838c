package io.strand.container.runloop;

/**
 * The run loop's timers: the window timer ({@code task.window.ms}, off at 0 or less), the commit
 * timer ({@code task.commit.ms}) and housekeeping (metrics flush, callback timeouts, lag), and the
 * earliest of them, which the loop compares with the clock once per message.
 *
 * <p>Threading: run loop thread only.
 */
final class LoopTimers {

  /** {@link #due} bit: the window timer fired. */
  static final int WINDOW = 1;
  /** {@link #due} bit: the commit timer fired. */
  static final int COMMIT = 2;
  /** {@link #due} bit: housekeeping is due. */
  static final int HOUSEKEEPING = 4;

  private final long windowNanos;
  private final long commitNanos;
  private final long housekeepingNanos;
  private long nextWindow;
  private long nextCommit;
  private long nextHousekeeping;
  private long deadline;

  /**
   * @param windowMs {@code task.window.ms}; 0 or less: no window timer
   * @param commitMs {@code task.commit.ms}
   * @param housekeepingMs how often housekeeping runs, ms
   */
  LoopTimers(long windowMs, long commitMs, long housekeepingMs) {
    this.windowNanos = windowMs * 1_000_000L;
    this.commitNanos = commitMs * 1_000_000L;
    this.housekeepingNanos = housekeepingMs * 1_000_000L;
  }

  /**
   * Starts every timer.
   *
   * @param now {@link System#nanoTime()}
   */
  void start(long now) {
    nextWindow = windowNanos > 0 ? now + windowNanos : Long.MAX_VALUE;
    nextCommit = now + commitNanos;
    nextHousekeeping = now + housekeepingNanos;
    deadline = Math.min(nextWindow, Math.min(nextCommit, nextHousekeeping));
  }

  /**
   * The earliest timer.
   *
   * @return its {@link System#nanoTime()} time
   */
  long deadline() {
    return deadline;
  }

  /**
   * When the commit timer fires next.
   *
   * @return its {@link System#nanoTime()} time
   */
  long nextCommit() {
    return nextCommit;
  }

  /**
   * Which timers fired by {@code now}; each is set for its next time (a window timer that fell
   * behind restarts from now rather than firing a burst).
   *
   * @param now {@link System#nanoTime()}
   * @return {@link #WINDOW}, {@link #COMMIT} and {@link #HOUSEKEEPING} bits
   */
  int due(long now) {
    int due = 0;
    if (now >= nextWindow) {
      due |= WINDOW;
      nextWindow += windowNanos;
      if (nextWindow <= now) {
        nextWindow = now + windowNanos;
      }
    }
    if (now >= nextCommit) {
      due |= COMMIT;
      nextCommit = now + commitNanos;
    }
    if (now >= nextHousekeeping) {
      due |= HOUSEKEEPING;
      nextHousekeeping = now + housekeepingNanos;
    }
    deadline = Math.min(nextWindow, Math.min(nextCommit, nextHousekeeping));
    return due;
  }
}
