package io.strand.streams.internal.graph;

/** A stateless operator. */
public final class TransformNode extends Node {

  private final RecordFunction function;
  private final boolean keepsKey;
  private final boolean keepsValue;

  TransformNode(String name, RecordFunction function) {
    this(name, function, false, false);
  }

  TransformNode(String name, RecordFunction function, boolean keepsKey, boolean keepsValue) {
    super(name);
    this.function = function;
    this.keepsKey = keepsKey;
    this.keepsValue = keepsValue;
  }

  /** @return whether records leave with the key type they came with (their serde is inherited) */
  boolean keepsKey() {
    return keepsKey;
  }

  /** @return whether records leave with the value type they came with */
  boolean keepsValue() {
    return keepsValue;
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
