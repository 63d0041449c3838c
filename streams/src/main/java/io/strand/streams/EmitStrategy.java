package io.strand.streams;

import java.time.Duration;

/**
 * When a time window emits its result, set with {@link TimeWindowedKStream#emitStrategy}. The name
 * and the default come from Kafka Streams' {@code EmitStrategy.onWindowClose()}; the early and late
 * firings from Flink's triggers ({@code CountTrigger}, {@code ContinuousProcessingTimeTrigger},
 * allowed lateness) and Beam's early/on-time/late panes, which Kafka Streams' DSL has no word for.
 *
 * <ul>
 *   <li>{@link #onWindowClose()} (default): one result per window, {@link Firing#ON_TIME}, when
 *       the watermark passes {@code end + grace}; records within the grace are in it.</li>
 *   <li>{@link #onWindowUpdate()}: early firings every record ({@code withEarlyFirings(1)}).</li>
 *   <li>{@link #withEarlyFirings}: while the watermark is before the window's end, an
 *       {@link Firing#EARLY} result every {@code everyRecords} records of the window (counted per
 *       key and window since its last firing) and/or, every {@code everyMs} of processing time (the
 *       task's window tick, so at a {@code task.window.ms} granularity), one for every window
 *       updated since its last firing; then one {@link Firing#ON_TIME} result when the watermark
 *       reaches the window's end; then, for each record that comes within the grace, an
 *       immediate {@link Firing#LATE_UPDATE} with the updated result. The window's state is dropped
 *       when the watermark passes {@code end + grace}, without a further result: the last result
 *       of a window is its final one.</li>
 * </ul>
 *
 * <p>Which early firings are still due (records counted since a window's last firing, windows
 * updated since the last timed firing) is kept in the window's changelogged store, so after a
 * crash the firings equal those of a run without it (at least once: repeats of results sent after
 * the last commit may appear; exactly once: none).
 *
 * @param everyRecords an early firing after this many records of a window, or 0 for none
 * @param everyMs an early firing of updated windows after this many ms of processing time, or 0
 *     for none
 */
public record EmitStrategy(long everyRecords, long everyMs) {

  /**
   * Checks the settings.
   *
   * @throws IllegalArgumentException if either is negative
   */
  public EmitStrategy {
    if (everyRecords < 0 || everyMs < 0) {
      throw new IllegalArgumentException("early firings every " + everyRecords + " records / " + everyMs
          + " ms: both must be 0 (none) or more");
    }
  }

  /**
   * Final results only, when a window closes (the default, as Kafka Streams'
   * {@code EmitStrategy.onWindowClose()}).
   *
   * @return the strategy
   */
  public static EmitStrategy onWindowClose() {
    return new EmitStrategy(0, 0);
  }

  /**
   * A result for every record, as Kafka Streams' {@code EmitStrategy.onWindowUpdate()} (its
   * default): {@link Firing#EARLY} for each record before the window's end, the
   * {@link Firing#ON_TIME} one when the watermark reaches it, {@link Firing#LATE_UPDATE} for each
   * within the grace. The same as {@code withEarlyFirings(1)}.
   *
   * @return the strategy
   */
  public static EmitStrategy onWindowUpdate() {
    return new EmitStrategy(1, 0);
  }

  /**
   * Early firings every {@code records} records of a window, then on-time and late updates.
   *
   * @param records how many records of a window between early firings, at least 1
   * @return the strategy
   * @throws IllegalArgumentException if {@code records} is below 1
   */
  public static EmitStrategy withEarlyFirings(long records) {
    if (records < 1) {
      throw new IllegalArgumentException("early firings every " + records + " records: at least 1");
    }
    return new EmitStrategy(records, 0);
  }

  /**
   * Early firings every {@code interval} of processing time, then on-time and late updates.
   *
   * @param interval processing time between early firings, at least 1 ms
   * @return the strategy
   * @throws IllegalArgumentException if the interval is below 1 ms
   */
  public static EmitStrategy withEarlyFirings(Duration interval) {
    return onWindowClose().andEvery(interval);
  }

  /**
   * These firings plus early firings every {@code interval} of processing time (whichever comes
   * first fires; both count from a window's last firing).
   *
   * @param interval processing time between early firings, at least 1 ms
   * @return the strategy
   * @throws IllegalArgumentException if the interval is below 1 ms
   */
  public EmitStrategy andEvery(Duration interval) {
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("early firings every " + interval + ": at least 1 ms");
    }
    return new EmitStrategy(everyRecords, interval.toMillis());
  }

  /** @return whether windows fire early (and on time and late), not only on close */
  public boolean early() {
    return everyRecords > 0 || everyMs > 0;
  }
}
