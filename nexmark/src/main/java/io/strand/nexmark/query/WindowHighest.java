package io.strand.nexmark.query;

import java.io.Serializable;
import java.util.HashMap;

/**
 * The highest value each window has passed so far, for the per-task leaders steps of q5 (counts)
 * and q7 (prices). One class for the three engines' steps (Strand's {@code CountLeadersFilter} and
 * {@code WindowLeadersFilter}, Kafka Streams' processors of the same names, Flink's
 * {@code Q5WindowLeaders} and {@code Q7WindowLeaders}), so the step costs each engine the same.
 *
 * <p>A value is admitted when it is at or above its window's highest so far (ties are kept), and
 * then is that window's highest. A window is forgotten once the caller's watermark reaches its end;
 * a forgotten window admits its values again, so a step that forgets (or restarts) passes on more,
 * never fewer.
 *
 * <p>The window of the last value is held apart from the map, unboxed: a task's values come window
 * by window (a closing window's counts one after another, bids mostly in event-time order), so
 * most values touch no map.
 *
 * <p>Memory: one entry per window not yet forgotten. Serializable (empty when a Flink function is
 * shipped). Threading: not thread-safe; one task's thread.
 */
public final class WindowHighest implements Serializable {
  private static final long serialVersionUID = 1L;
  /** No window: no window starts at {@code Long.MIN_VALUE} (starts are event times rounded down). */
  private static final long NONE = Long.MIN_VALUE;

  private final long sizeMs;
  /** Window start to its highest, for windows other than {@link #lastStart}. */
  private final HashMap<Long, Long> others = new HashMap<>();
  private long lastStart = NONE;
  private long lastHighest;
  private long forgottenTo = Long.MIN_VALUE;

  /**
   * @param sizeMs the windows' size, ms: a window {@code [start, start + sizeMs)} is forgotten once
   *     the watermark reaches its end
   * @throws IllegalArgumentException if the size is below 1 ms
   */
  public WindowHighest(long sizeMs) {
    if (sizeMs < 1) {
      throw new IllegalArgumentException("window size must be at least 1 ms, got " + sizeMs);
    }
    this.sizeMs = sizeMs;
  }

  /**
   * Admits a value if it is at or above the highest its window has admitted so far.
   *
   * @param start the value's window start, ms
   * @param value the count or price
   * @return true if admitted (it is now the window's highest); false if a higher one came before
   */
  public boolean admit(long start, long value) {
    if (start != lastStart) {
      if (lastStart != NONE) {
        others.put(lastStart, lastHighest);
      }
      Long known = others.remove(start);
      lastStart = start;
      lastHighest = known == null ? Long.MIN_VALUE : known;
    }
    if (value < lastHighest) {
      return false;
    }
    lastHighest = value;
    return true;
  }

  /**
   * Forgets the windows whose end the watermark has reached; a watermark that did not advance does
   * nothing.
   *
   * @param watermarkMs the caller's watermark, ms (Strand's and Flink's watermark, Kafka Streams'
   *     stream time less the grace)
   */
  public void forgetEndedBy(long watermarkMs) {
    if (watermarkMs <= forgottenTo) {
      return;
    }
    forgottenTo = watermarkMs;
    if (!others.isEmpty()) {
      others.keySet().removeIf(s -> s + sizeMs <= watermarkMs);
    }
    if (lastStart != NONE && lastStart + sizeMs <= watermarkMs) {
      lastStart = NONE;
    }
  }

  /**
   * Windows not yet forgotten.
   *
   * @return their number
   */
  public int windows() {
    return others.size() + (lastStart == NONE ? 0 : 1);
  }
}
