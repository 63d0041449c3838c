package io.strand.streams.internal.graph;

/**
 * One side of a table-table join: a change of this side is joined with the other side's current
 * value. The two sides of a join are two nodes feeding one merge, so each knows which side it is.
 */
public final class TableJoinNode extends Node {

  private final TableView.Joined join;
  private final boolean leftSide;
  private final Node otherInput;

  TableJoinNode(String name, TableView.Joined join, boolean leftSide, Node otherInput) {
    super(name);
    this.join = join;
    this.leftSide = leftSide;
    this.otherInput = otherInput;
  }

  /** @return the join: both views, kind and joiner */
  public TableView.Joined join() {
    return join;
  }

  /** @return whether this node receives the left table's changes */
  public boolean leftSide() {
    return leftSide;
  }

  /** @return the other side's table node, whose sources must be co-partitioned with this side's */
  public Node otherInput() {
    return otherInput;
  }
}
