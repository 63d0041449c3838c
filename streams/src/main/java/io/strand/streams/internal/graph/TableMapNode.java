package io.strand.streams.internal.graph;

/** A table's rows mapped or filtered ({@link TableView.Mapped}): applied to both values of each change. */
public final class TableMapNode extends Node {

  private final TableView.RowFunction function;

  TableMapNode(String name, TableView.RowFunction function) {
    super(name);
    this.function = function;
  }

  /** @return the row function */
  public TableView.RowFunction function() {
    return function;
  }
}
