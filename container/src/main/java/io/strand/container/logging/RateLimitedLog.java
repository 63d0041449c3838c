package io.strand.container.logging;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs one WARN line per key (for example a stream) at most every interval, with how many
 * occurrences were suppressed since the previous line, so a stream of bad messages cannot flood
 * the log.
 *
 * <p>Threading: thread-safe (synchronized; used only on error paths).
 */
public final class RateLimitedLog {

  private final Logger log;
  private final long intervalNanos;
  private final Map<Object, long[]> state = new HashMap<>(); // key -> {last logged nanos, suppressed}

  /**
   * Creates one.
   *
   * @param log where to log
   * @param intervalMs the least time between two lines for one key, in ms
   */
  public RateLimitedLog(Logger log, long intervalMs) {
    this.log = log;
    this.intervalNanos = intervalMs * 1_000_000L;
  }

  /**
   * Records one occurrence and logs it unless a line for the same key was logged within the
   * interval.
   *
   * @param key what the occurrences are counted by
   * @param message the line; " (N more since the last report)" is appended when N are suppressed
   * @return true if a line was logged
   */
  public synchronized boolean warn(Object key, String message) {
    long now = System.nanoTime();
    long[] s = state.get(key);
    if (s != null && now - s[0] < intervalNanos) {
      s[1]++;
      return false;
    }
    long suppressed = s == null ? 0 : s[1];
    state.put(key, new long[] {now, 0});
    log.warn(suppressed == 0 ? message : message + " (" + suppressed + " more since the last report)");
    return true;
  }
}
