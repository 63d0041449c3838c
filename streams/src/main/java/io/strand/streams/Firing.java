package io.strand.streams;

/**
 * Which firing of a window a result is, as Beam's pane timing ({@code EARLY}, {@code ON_TIME},
 * {@code LATE}) and Flink's trigger firings with allowed lateness. See {@link EmitStrategy} for
 * when each comes.
 */
public enum Firing {
  /** A partial result before the watermark reached the window's end (early firings only). */
  EARLY,
  /**
   * The result when the watermark reached the window's end ({@link EmitStrategy#withEarlyFirings
   * early firings}), or the single final result at the window's close ({@link
   * EmitStrategy#onWindowClose()}, the default).
   */
  ON_TIME,
  /**
   * An updated result for a record that came after the window's end but within its grace (early
   * firings only; each such record re-fires the window, as Flink's allowed lateness does).
   */
  LATE_UPDATE
}
