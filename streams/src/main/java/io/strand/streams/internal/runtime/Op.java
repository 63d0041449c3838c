package io.strand.streams.internal.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * One runtime operator of one task, built from a graph node. Records go down the chain in the
 * task's thread; a watermark goes down once per operator (a merged operator hears it from each
 * parent and acts on the first).
 */
abstract class Op {

  final String name;
  final List<Op> next = new ArrayList<>();
  TaskEnv env;
  private long watermark = Long.MIN_VALUE;

  Op(String name) {
    this.name = name;
  }

  void init(TaskEnv env) {
    this.env = env;
  }

  abstract void process(Object key, Object value, long timestamp);

  void forward(Object key, Object value, long timestamp) {
    for (Op op : next) {
      op.process(key, value, timestamp);
    }
  }

  final void watermark(long watermarkMs) {
    if (watermarkMs <= watermark) {
      return;
    }
    watermark = watermarkMs;
    onWatermark(watermarkMs);
    for (Op op : next) {
      op.watermark(watermarkMs);
    }
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
