package io.strand.samples.flights;

import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Tumbling one-hour event-time windows per origin airport, kept in stores so they survive a
 * restart (both stores are changelogged).
 *
 * <p>The task's event time is the latest departure it has seen. An hour closes once that time has
 * passed the hour's end by the allowed lateness: its window is then emitted and removed. A flight
 * for a closed hour is late: it is not added to any window (its hour was already emitted) and the
 * caller counts it. What is closed is remembered as one number, the start of the first hour still
 * open ({@code closedBefore}), so lateness and emission decide the same way after a restore.
 *
 * <p>Window keys are {@code yyyy-MM-dd HH|AIRPORT}: hour first, so that every closable window is
 * one range scan, in time order.
 *
 * <p>Threading: not thread-safe; used from its task's thread, like the stores it wraps.
 */
public final class HourlyWindows {

  /** The one key of the progress store. */
  static final String CLOSED_BEFORE_KEY = "closed-before";

  private final KeyValueStore<String, DelayStats> windows;
  private final KeyValueStore<String, Long> progress;
  private final long allowedLatenessMs;
  private long eventTimeMs = Long.MIN_VALUE;
  private long closedBeforeMs;

  /**
   * Wraps the stores, reading what a restore left in them.
   *
   * @param windows open windows, by {@code hour|airport}
   * @param progress holds {@code closedBefore}, in ms since the epoch
   * @param allowedLatenessMs how long after an hour's end, in event-time ms, flights for it are
   *     still accepted; at least 0
   * @throws IllegalArgumentException if the lateness is negative
   */
  public HourlyWindows(KeyValueStore<String, DelayStats> windows, KeyValueStore<String, Long> progress,
      long allowedLatenessMs) {
    if (allowedLatenessMs < 0) {
      throw new IllegalArgumentException("allowed lateness is in ms and cannot be negative, got " + allowedLatenessMs);
    }
    this.windows = windows;
    this.progress = progress;
    this.allowedLatenessMs = allowedLatenessMs;
    Long stored = progress.get(CLOSED_BEFORE_KEY);
    this.closedBeforeMs = stored == null ? Long.MIN_VALUE : stored;
  }

  /**
   * Whether a flight's hour is already closed.
   *
   * @param flight the flight
   * @return true if the flight is late and must not be added
   */
  public boolean isLate(Flight flight) {
    return HourBuckets.hourStartMs(HourBuckets.eventTimeMs(flight.departure())) < closedBeforeMs;
  }

  /**
   * Adds an in-time flight to its window.
   *
   * @param flight the flight; must not be {@link #isLate late}
   * @throws IllegalStateException if it is late
   */
  public void add(Flight flight) {
    if (isLate(flight)) {
      throw new IllegalStateException("flight " + flight + " is late for its window; count it instead");
    }
    String key = windowKey(HourBuckets.label(flight.departure()), flight.origin());
    DelayStats current = windows.get(key);
    windows.put(key, (current == null ? DelayStats.EMPTY : current).plus(flight.delayMinutes()));
  }

  /**
   * Moves the task's event time forward (never back) and closes every hour it has passed by the
   * allowed lateness.
   *
   * @param eventTimeMs the event time of a flight just seen, in ms since the epoch
   * @return the windows closed, in hour order; they are gone from the store
   */
  public List<HourWindow> advanceTo(long eventTimeMs) {
    if (eventTimeMs <= this.eventTimeMs) {
      return List.of();
    }
    this.eventTimeMs = eventTimeMs;
    long newClosedBefore = HourBuckets.hourStartMs(eventTimeMs - allowedLatenessMs);
    if (newClosedBefore <= closedBeforeMs) {
      return List.of();
    }
    closedBeforeMs = newClosedBefore;
    progress.put(CLOSED_BEFORE_KEY, newClosedBefore);
    return removeRange(HourBuckets.label(newClosedBefore));
  }

  /**
   * Closes every window still open, as at the end of the input.
   *
   * @return the windows closed, in hour order; the store is left empty
   */
  public List<HourWindow> closeAll() {
    return removeRange(null);
  }

  /**
   * The task's event time.
   *
   * @return the latest departure seen since this object was made, in ms since the epoch, or
   *     {@link Long#MIN_VALUE} before the first
   */
  public long eventTimeMs() {
    return eventTimeMs;
  }

  private List<HourWindow> removeRange(String beforeHourLabel) {
    List<HourWindow> closed = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, DelayStats> it = beforeHourLabel == null ? windows.all()
        : windows.range("", beforeHourLabel)) {
      while (it.hasNext()) {
        Entry<String, DelayStats> e = it.next();
        int bar = e.key().indexOf('|');
        closed.add(new HourWindow(e.key().substring(bar + 1), e.key().substring(0, bar), e.value()));
        keys.add(e.key());
      }
    }
    if (!keys.isEmpty()) {
      windows.deleteAll(keys);
    }
    return closed;
  }

  static String windowKey(String hourLabel, String airport) {
    return hourLabel + "|" + airport;
  }
}
