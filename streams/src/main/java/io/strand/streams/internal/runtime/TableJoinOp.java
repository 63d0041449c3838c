package io.strand.streams.internal.runtime;

import io.strand.streams.internal.graph.Change;
import io.strand.streams.internal.graph.TableJoinNode;
import io.strand.streams.internal.graph.TableView;

/**
 * One side of a table-table join: a change of this side is joined with the other side's current
 * value, giving the result's new and old value ({@link TableView.Joined#join}); nothing goes on
 * when the key had and has no result, so a deletion downstream (a null new value) only follows a
 * result that existed.
 */
final class TableJoinOp extends Op {

  private final TableJoinNode node;
  private Lookup other;

  TableJoinOp(TableJoinNode node) {
    super(node.name());
    this.node = node;
  }

  @Override
  void init(TaskEnv env) {
    super.init(env);
    TableView.Joined join = node.join();
    other = Lookup.open(node.leftSide() ? join.right() : join.left(), env);
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    Change change = (Change) value;
    TableView.Joined join = node.join();
    Object otherValue = other.get(key);
    Object newValue;
    Object oldValue;
    if (node.leftSide()) {
      newValue = join.join(change.newValue(), otherValue);
      oldValue = join.join(change.oldValue(), otherValue);
    } else {
      newValue = join.join(otherValue, change.newValue());
      oldValue = join.join(otherValue, change.oldValue());
    }
    if (newValue != null || oldValue != null) {
      forward(key, new Change(newValue, oldValue), timestamp);
    }
  }
}
