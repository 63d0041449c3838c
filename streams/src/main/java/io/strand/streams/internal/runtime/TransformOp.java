package io.strand.streams.internal.runtime;

import io.strand.streams.internal.graph.RecordFunction;

/**
 * A stateless operator: its function's emissions go on with the input's event time.
 *
 * <p>One emitter serves every record (it reads the event time of the record in hand from a field)
 * rather than a new capturing lambda per record: a chain of stateless operators then allocates
 * nothing of its own per record.
 */
final class TransformOp extends Op {

  private final RecordFunction function;
  private final RecordFunction.Emitter emitter = (k, v) -> forward(k, v, this.timestamp);
  /** Event time of the record the function is applied to. */
  private long timestamp;

  TransformOp(String name, RecordFunction function) {
    super(name);
    this.function = function;
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    long outer = this.timestamp; // restored after: safe even if a graph ever re-entered this operator
    this.timestamp = timestamp;
    function.apply(key, value, emitter);
    this.timestamp = outer;
  }
}
