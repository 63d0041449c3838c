package io.strand.streams.internal.graph;

/**
 * The windows of a windowed stream and its late side output, created when
 * {@code lateRecords()} is called (before the aggregation).
 */
final class WindowSpec {

  private final Object windows;
  private final String lateName;
  private TransformNode lateOutput;
  private io.strand.streams.EmitStrategy emit = io.strand.streams.EmitStrategy.onWindowClose();

  WindowSpec(Object windows, String lateName) {
    this.windows = windows;
    this.lateName = lateName;
  }

  Object windows() {
    return windows;
  }

  io.strand.streams.EmitStrategy emit() {
    return emit;
  }

  void emit(io.strand.streams.EmitStrategy strategy) {
    this.emit = java.util.Objects.requireNonNull(strategy, "strategy");
  }

  TransformNode lateOutput() {
    return lateOutput;
  }

  TransformNode lateOutputCreated() {
    if (lateOutput == null) {
      lateOutput = new TransformNode(lateName, (k, v, out) -> out.emit(k, v));
    }
    return lateOutput;
  }
}
