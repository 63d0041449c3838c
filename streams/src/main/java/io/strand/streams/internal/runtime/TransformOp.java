package io.strand.streams.internal.runtime;

import io.strand.streams.internal.graph.RecordFunction;

/** A stateless operator: its function's emissions go on with the input's event time. */
final class TransformOp extends Op {

  private final RecordFunction function;

  TransformOp(String name, RecordFunction function) {
    super(name);
    this.function = function;
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    function.apply(key, value, (k, v) -> forward(k, v, timestamp));
  }
}
