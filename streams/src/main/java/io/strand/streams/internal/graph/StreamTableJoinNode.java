package io.strand.streams.internal.graph;

import io.strand.streams.KeyValueMapper;
import io.strand.streams.ValueJoiner;

/**
 * A stream joined with a table or a global table: each stream record looks its key (or the key
 * {@link #keySelector()} computes) up in the table's view.
 */
public final class StreamTableJoinNode extends Node {

  private final TableView table;
  private final Node tableNode;
  private final KeyValueMapper<Object, Object, Object> keySelector;
  private final ValueJoiner<Object, Object, Object> joiner;
  private final boolean left;

  StreamTableJoinNode(String name, TableView table, Node tableNode, KeyValueMapper<Object, Object, Object> keySelector,
      ValueJoiner<Object, Object, Object> joiner, boolean left) {
    super(name);
    this.table = table;
    this.tableNode = tableNode;
    this.keySelector = keySelector;
    this.joiner = joiner;
    this.left = left;
  }

  /** @return how to look a key up */
  public TableView table() {
    return table;
  }

  /** @return the node of the table side, whose sources must be co-partitioned with the stream's (null: global) */
  public Node tableNode() {
    return tableNode;
  }

  /** @return the table key of a record, or null to use the record's key */
  public KeyValueMapper<Object, Object, Object> keySelector() {
    return keySelector;
  }

  /** @return the joiner */
  public ValueJoiner<Object, Object, Object> joiner() {
    return joiner;
  }

  /** @return whether a record without a match is joined with null (left join) rather than dropped */
  public boolean left() {
    return left;
  }
}
