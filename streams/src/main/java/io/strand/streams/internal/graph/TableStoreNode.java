package io.strand.streams.internal.graph;

import io.strand.serializers.Serde;

/**
 * Materializes a table in a store: each record upserts (or, with a null value, deletes) its key
 * and goes on as a {@link Change}. The store of a source or global table has no changelog (the
 * topic is its changelog, see {@link SourceNode.Role}); the store of {@code toTable} has one.
 */
public final class TableStoreNode extends Node {

  private final SourceNode.Role origin;
  private final Serde<?> keySerde;
  private final Serde<?> valueSerde;

  TableStoreNode(String name, SourceNode.Role origin, Serde<?> keySerde, Serde<?> valueSerde) {
    super(name);
    this.origin = origin;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
  }

  /** @return the store name, the operator's name */
  public String store() {
    return name();
  }

  /** @return TABLE or GLOBAL for a table read from its topic, STREAM for {@code toTable} */
  public SourceNode.Role origin() {
    return origin;
  }

  /** @return whether the store has a changelog of its own (only {@code toTable}'s) */
  public boolean logged() {
    return origin == SourceNode.Role.STREAM;
  }

  /** @return the keys' serde, or null for the system's */
  public Serde<?> keySerde() {
    return keySerde;
  }

  /** @return the values' serde, or null for the system's */
  public Serde<?> valueSerde() {
    return valueSerde;
  }

  /** @return the view that reads this store */
  public TableView view() {
    return new TableView.Stored(store(), keySerde, valueSerde);
  }
}
