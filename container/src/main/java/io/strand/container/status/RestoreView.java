package io.strand.container.status;

/**
 * A task's restore progress as the status page shows it: a bar, a rate and an ETA.
 *
 * <p>The total is the span of changelog offsets to replay; compaction and transaction markers leave
 * gaps in offsets, so a finished restore may end below it: once the task runs (its restore is
 * over) the bar shows 100 % and the records restored. A count over the total (which the
 * changelog's meters no longer allow) is clamped to 100 % and the text says so.
 *
 * <p>Threading: an immutable value.
 *
 * @param percent 0 to 100
 * @param recordsPerSecond restored records per second over the last few reports; null when not
 *     restoring or unknown
 * @param etaMs how long the rest should take at that rate, in ms; null when unknown
 * @param text one line, for example {@code 5,120 / 11,473 records (44 %)} or
 *     {@code nothing to restore}
 */
public record RestoreView(int percent, Double recordsPerSecond, Long etaMs, String text) {

  /** Nothing to restore. */
  public static final RestoreView NOTHING = new RestoreView(100, null, null, "nothing to restore");

  /**
   * The view of a restore's counts.
   *
   * @param restored records restored so far
   * @param total records (offset span) to restore
   * @param rate restored records per second now, or null when unknown
   * @param over whether the restore has ended (the task runs)
   * @return the view
   */
  public static RestoreView of(long restored, long total, Double rate, boolean over) {
    if (restored == 0 && total == 0) {
      return over ? NOTHING : new RestoreView(0, null, null, "not started");
    }
    if (over || restored >= total) {
      String clamped = restored > total ? String.format(" (over the %,d-record offset span: clamped)", total) : "";
      return new RestoreView(100, null, null, String.format("done: %,d records%s", restored, clamped));
    }
    int percent = (int) Math.min(99, 100 * restored / total);
    boolean moving = rate != null && rate > 0;
    Long eta = moving ? (long) Math.ceil((total - restored) * 1000.0 / rate) : null;
    return new RestoreView(percent, moving ? rate : null, eta,
        String.format("%,d / %,d records (%d %%)", restored, total, percent));
  }
}
