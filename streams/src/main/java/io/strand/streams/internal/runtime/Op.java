package io.strand.streams.internal.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One runtime operator of one task, built from a graph node. Records go down the chain in the
 * task's thread.
 *
 * <p>Watermarks are per operator, as Flink's per-input minimum: each input of an operator (a
 * source of the task, or a parent operator; a merge has several) has its own watermark and idle
 * flag, and the operator's watermark is the minimum over its inputs that are not idle. It never
 * goes back; while every input is idle it stays put and the operator reports itself idle to its
 * own children. So an operator fed only by stream A is not held back by a stream B the same task
 * reads for another operator.
 */
abstract class Op {

  final String name;
  final List<Op> next = new ArrayList<>();
  TaskEnv env;
  /** Operators this one passes its watermark to (its children and its late side output)... */
  private final List<Op> targets = new ArrayList<>();
  /** ...and this one's input index at each of them. */
  private int[] targetInputs = new int[0];
  private long[] inputWatermarks = new long[0];
  private boolean[] inputIdle = new boolean[0];
  private long watermark = Long.MIN_VALUE;
  private boolean idle;

  Op(String name) {
    this.name = name;
  }

  void init(TaskEnv env) {
    this.env = env;
  }

  abstract void process(Object key, Object value, long timestamp);

  void forward(Object key, Object value, long timestamp) {
    // Indexed, not for-each: the iterator was one allocation per record per operator (JFR).
    List<Op> children = next;
    for (int i = 0, n = children.size(); i < n; i++) {
      children.get(i).process(key, value, timestamp);
    }
  }

  /**
   * Adds an input whose watermark this operator takes into its minimum.
   *
   * @return the input's index, for {@link #input}
   */
  int addInput() {
    int n = inputWatermarks.length;
    inputWatermarks = Arrays.copyOf(inputWatermarks, n + 1);
    inputWatermarks[n] = Long.MIN_VALUE;
    inputIdle = Arrays.copyOf(inputIdle, n + 1);
    return n;
  }

  /** Sends records and watermarks to a child. */
  void connect(Op child) {
    next.add(child);
    feedsWatermark(child);
  }

  /** Sends watermarks (only) to an operator: a side output that gets records some other way. */
  void feedsWatermark(Op target) {
    targets.add(target);
    targetInputs = Arrays.copyOf(targetInputs, targetInputs.length + 1);
    targetInputs[targetInputs.length - 1] = target.addInput();
  }

  /**
   * One input's watermark or idleness changed: recomputes this operator's, fires what it closes
   * ({@link #onWatermark}) and passes it on if it changed.
   *
   * @param input the input's index
   * @param watermarkMs its watermark, ms (never taken lower than before)
   * @param inputIsIdle whether it is idle (left out of the minimum)
   */
  final void input(int input, long watermarkMs, boolean inputIsIdle) {
    if (watermarkMs > inputWatermarks[input]) {
      inputWatermarks[input] = watermarkMs;
    }
    inputIdle[input] = inputIsIdle;
    long min = Long.MAX_VALUE;
    boolean active = false;
    for (int i = 0; i < inputWatermarks.length; i++) {
      if (!inputIdle[i]) {
        active = true;
        min = Math.min(min, inputWatermarks[i]);
      }
    }
    boolean advanced = active && min > watermark;
    if (advanced) {
      watermark = min;
      onWatermark(min);
    }
    if (advanced || idle == active) {
      idle = !active;
      for (int i = 0; i < targets.size(); i++) {
        targets.get(i).input(targetInputs[i], watermark, idle);
      }
    }
  }

  /**
   * Sets an input's watermark as restored from the watermark store (or its idleness at start),
   * without firing anything: windows it closed were fired before the restart.
   *
   * @param input the input's index
   * @param watermarkMs its stored watermark, ms
   * @param inputIsIdle whether it is idle
   */
  final void restore(int input, long watermarkMs, boolean inputIsIdle) {
    inputWatermarks[input] = Math.max(inputWatermarks[input], watermarkMs);
    inputIdle[input] = inputIsIdle;
    long min = Long.MAX_VALUE;
    boolean active = false;
    for (int i = 0; i < inputWatermarks.length; i++) {
      if (!inputIdle[i]) {
        active = true;
        min = Math.min(min, inputWatermarks[i]);
      }
    }
    boolean advanced = active && min > watermark;
    if (advanced) {
      watermark = min;
    }
    if (advanced || idle == active) {
      idle = !active;
      for (int i = 0; i < targets.size(); i++) {
        targets.get(i).restore(targetInputs[i], watermark, idle);
      }
    }
  }

  /** @return this operator's watermark, ms ({@code Long.MIN_VALUE} before any) */
  final long watermarkMs() {
    return watermark;
  }

  /** The watermark advanced: fire what it closes. */
  void onWatermark(long watermarkMs) {
  }

  /** The task's window timer ({@code task.window.ms}). */
  void tick() {
  }

  void close() {
  }
}
