package io.strand.container.progress;

import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Turns successive {@link JobProgress} readings into console text: counts, rates over the last
 * {@value #RATE_WINDOW_MS} ms, lag and an ETA, for example
 * {@code Processing: 312,450 records, 41,200 records/s, lag 195,789, ETA 5 s} or
 * {@code Restoring: 1,234,567 / 3,000,000 records (41 %), 245,000 records/s, ETA 7 s}, and a
 * summary when the job ends. Counts shown never go down (a reading taken while a container removes
 * its meters may be low for a moment). The ETA of processing is the lag over the rate, shown only
 * for bounded inputs (the lag of an unbounded input is no distance to an end).
 *
 * <p>Threading: not thread-safe; one printer thread owns it.
 */
public final class ProgressLine {

  /** Rates are taken over this much of the latest readings, in ms. */
  public static final long RATE_WINDOW_MS = 5_000;

  private record Sample(long atMs, long processed, long restored) {}

  private final boolean bounded;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  private long processed;
  private long restored;
  private long restoreTotal;
  private long restoreStartMs = -1;
  private long processingStartMs = -1;
  private long restoreEndMs = -1;

  /**
   * Starts with nothing seen.
   *
   * @param bounded whether every input of the job is bounded (an ETA is shown for processing)
   */
  public ProgressLine(boolean bounded) {
    this.bounded = bounded;
  }

  /**
   * Takes a reading and describes it.
   *
   * @param nowMs the reading's time, in ms on any monotonic clock
   * @param p the reading
   * @return the line, or null while the job is only starting
   */
  public String update(long nowMs, JobProgress p) {
    processed = Math.max(processed, p.processedRecords());
    restored = Math.max(restored, p.restoredRecords());
    restoreTotal = Math.max(restoreTotal, p.restoreTotalRecords());
    if (p.phase() == JobProgress.Phase.RESTORING && restoreStartMs < 0) {
      restoreStartMs = nowMs;
    }
    if (p.phase() == JobProgress.Phase.PROCESSING && processingStartMs < 0) {
      processingStartMs = nowMs;
      restoreEndMs = restoreStartMs < 0 ? -1 : nowMs;
    }
    samples.addLast(new Sample(nowMs, processed, restored));
    // Keep the newest reading at least RATE_WINDOW_MS old (the rates' base) and those after it.
    while (samples.size() > 1) {
      Sample first = samples.pollFirst();
      if (nowMs - samples.peekFirst().atMs() < RATE_WINDOW_MS) {
        samples.addFirst(first);
        break;
      }
    }
    Sample base = samples.peekFirst();
    double seconds = (nowMs - base.atMs()) / 1000.0;
    return switch (p.phase()) {
      case STARTING -> null;
      case RESTORING -> {
        double rate = seconds > 0 ? (restored - base.restored()) / seconds : 0;
        long left = Math.max(0, restoreTotal - restored);
        yield String.format(Locale.ROOT, "Restoring: %,d / %,d records (%d %%), %,.0f records/s%s", restored,
            restoreTotal, restoreTotal == 0 ? 100 : Math.min(100, restored * 100 / restoreTotal), rate,
            eta(left, rate));
      }
      case PROCESSING -> {
        double rate = seconds > 0 ? (processed - base.processed()) / seconds : 0;
        yield String.format(Locale.ROOT, "Processing: %,d records, %,.0f records/s, lag %,d%s", processed, rate,
            p.lagRecords(), bounded ? eta(p.lagRecords(), rate) : "");
      }
    };
  }

  /**
   * The closing line: what was restored and processed, how long it took and how fast.
   *
   * @param nowMs the end, on the clock of {@link #update}
   * @return the line, or null if the job never got past starting
   */
  public String summary(long nowMs) {
    StringBuilder s = new StringBuilder();
    if (restoreStartMs >= 0 && restored > 0) {
      long end = restoreEndMs >= 0 ? restoreEndMs : nowMs;
      s.append(String.format(Locale.ROOT, "Restored %,d records in %s; ", restored, duration(end - restoreStartMs)));
    }
    if (processingStartMs >= 0) {
      long ms = Math.max(1, nowMs - processingStartMs);
      s.append(String.format(Locale.ROOT, "Processed %,d records in %s (%,.0f records/s)", processed, duration(ms),
          processed * 1000.0 / ms));
    } else if (restoreStartMs >= 0) {
      s.append(String.format(Locale.ROOT, "Restored %,d of %,d records", restored, restoreTotal));
    }
    return s.isEmpty() ? null : s.toString();
  }

  private static String eta(long left, double rate) {
    if (left == 0) {
      return ", ETA 0 s";
    }
    return rate >= 1 ? ", ETA " + duration((long) (left / rate * 1000)) : ", ETA unknown";
  }

  /**
   * A duration for people: {@code 850 ms}, {@code 12.3 s}, {@code 2 min 05 s}, {@code 1 h 02 min}.
   *
   * @param ms the duration, in ms
   * @return the text
   */
  static String duration(long ms) {
    if (ms < 1_000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
