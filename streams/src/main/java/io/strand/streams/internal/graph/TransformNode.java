package io.strand.streams.internal.graph;

/** A stateless operator. */
public final class TransformNode extends Node {

  private final RecordFunction function;

  TransformNode(String name, RecordFunction function) {
    super(name);
    this.function = function;
  }

  /**
   * What the operator does to each record.
   *
   * @return the function
   */
  public RecordFunction function() {
    return function;
  }
}
