package io.strand.streams.internal.runtime;

import io.strand.streams.KeyValueMapper;
import io.strand.streams.ValueJoiner;
import io.strand.streams.internal.graph.StreamTableJoinNode;

/**
 * A stream record joined with a table's (or global table's) value as the task's store holds it
 * when the record is processed. A record with a null value is dropped (as Kafka Streams); a
 * record without a match (or with a null key) is dropped by an inner join and joined with null by
 * a left join.
 */
final class StreamTableJoinOp extends Op {

  private final StreamTableJoinNode node;
  // The node's parts in fields of their own: read once per record, one load each.
  private final KeyValueMapper<Object, Object, Object> keySelector;
  private final ValueJoiner<Object, Object, Object> joiner;
  private final boolean left;
  private Lookup table;

  StreamTableJoinOp(StreamTableJoinNode node) {
    super(node.name());
    this.node = node;
    this.keySelector = node.keySelector();
    this.joiner = node.joiner();
    this.left = node.left();
  }

  @Override
  void init(TaskEnv env) {
    super.init(env);
    table = Lookup.open(node.table(), env);
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    if (value == null) {
      return;
    }
    Object tableKey = keySelector == null ? key : keySelector.apply(key, value);
    Object tableValue = tableKey == null ? null : table.get(tableKey);
    if (tableValue == null && !left) {
      return;
    }
    forward(key, joiner.apply(value, tableValue), timestamp);
  }
}
