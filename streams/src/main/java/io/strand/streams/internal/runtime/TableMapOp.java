package io.strand.streams.internal.runtime;

import io.strand.streams.internal.graph.Change;
import io.strand.streams.internal.graph.TableView;

/** Filter or mapValues of a table: both values of each change go through the row function. */
final class TableMapOp extends Op {

  private final TableView.RowFunction function;

  TableMapOp(String name, TableView.RowFunction function) {
    super(name);
    this.function = function;
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    Change change = (Change) value;
    Object newValue = change.newValue() == null ? null : function.apply(key, change.newValue());
    Object oldValue = change.oldValue() == null ? null : function.apply(key, change.oldValue());
    if (newValue != null || oldValue != null) {
      forward(key, new Change(newValue, oldValue), timestamp);
    }
  }
}
