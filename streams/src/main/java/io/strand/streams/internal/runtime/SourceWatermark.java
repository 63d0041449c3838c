package io.strand.streams.internal.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The watermark one source of the graph gives the operators it feeds in one task: the minimum
 * over the task's partitions of that topic that are not idle, never going back; idle when every
 * one of them is (or when the task has no partition of the topic at all, so an operator that also
 * reads another source is not held back by it). Each operator then takes the minimum over its own
 * inputs ({@link Op#input}), so watermarks are per operator, not per task.
 *
 * <p>Threading: the task's thread only.
 */
final class SourceWatermark {

  final String topic;
  private final List<Watermarks.Clock> clocks = new ArrayList<>();
  private final List<Op> roots = new ArrayList<>();
  private int[] rootInputs = new int[0];
  private long watermark = Long.MIN_VALUE;
  private boolean idle;
  private boolean pushed;

  SourceWatermark(String topic) {
    this.topic = topic;
  }

  /** An operator the source feeds. */
  void addRoot(Op op) {
    roots.add(op);
    rootInputs = Arrays.copyOf(rootInputs, rootInputs.length + 1);
    rootInputs[rootInputs.length - 1] = op.addInput();
  }

  /** One of the task's partitions of the topic. */
  void addClock(Watermarks.Clock clock) {
    clocks.add(clock);
  }

  /** @return the source's watermark, ms */
  long watermark() {
    return watermark;
  }

  /**
   * Sets the watermark stored before a restart, firing nothing; a source of which the task has no
   * partition is idle from the start.
   *
   * @param storedMs the stored watermark, or {@code Long.MIN_VALUE} when none
   */
  void start(long storedMs) {
    watermark = Math.max(watermark, storedMs);
    idle = clocks.isEmpty();
    for (int i = 0; i < roots.size(); i++) {
      roots.get(i).restore(rootInputs[i], watermark, idle);
    }
  }

  /**
   * Recomputes the watermark from the partitions' clocks and passes a change to the operators.
   *
   * @param nowMs processing time, for idleness
   * @return true if the watermark advanced
   */
  boolean advance(long nowMs) {
    if (clocks.isEmpty()) {
      return false; // idle for good (start)
    }
    long min = Long.MAX_VALUE;
    boolean active = false;
    for (int i = 0, n = clocks.size(); i < n; i++) {
      Watermarks.Clock c = clocks.get(i);
      if (!c.idle(nowMs)) {
        active = true;
        min = Math.min(min, c.watermark());
      }
    }
    boolean advanced = active && min > watermark;
    if (advanced) {
      watermark = min;
    }
    if (advanced || idle == active || !pushed) {
      idle = !active;
      push();
    }
    return advanced;
  }

  /** Every input of the task ended: the end of time, as Flink's final watermark. */
  void end() {
    watermark = Long.MAX_VALUE;
    idle = false;
    push();
  }

  private void push() {
    pushed = true;
    for (int i = 0; i < roots.size(); i++) {
      roots.get(i).input(rootInputs[i], watermark, idle);
    }
  }
}
