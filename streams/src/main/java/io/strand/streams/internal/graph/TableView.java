package io.strand.streams.internal.graph;

import io.strand.serializers.Serde;
import io.strand.streams.ValueJoiner;

/**
 * How a task looks a key up in a table, as Kafka Streams' value getters: read the table's store,
 * or compute a derived table (filter, mapValues, join) from the views it derives from, so derived
 * tables need no store of their own.
 */
public sealed interface TableView {

  /**
   * A materialized table: its store, of serialized keys and values.
   *
   * @param store the store name
   * @param keySerde the keys' serde, or null for the system's
   * @param valueSerde the values' serde, or null for the system's
   */
  record Stored(String store, Serde<?> keySerde, Serde<?> valueSerde) implements TableView { }

  /**
   * A table derived row by row: the parent's value through a function that may drop the row.
   *
   * @param parent the table it derives from
   * @param function the row's new value from key and value (never called with a null value), or null to drop
   */
  record Mapped(TableView parent, RowFunction function) implements TableView { }

  /**
   * A table-table join of two views on the key.
   *
   * @param left the left table
   * @param right the right table
   * @param kind inner, left or outer
   * @param joiner the user's joiner, untyped
   */
  record Joined(TableView left, TableView right, JoinKind kind, ValueJoiner<Object, Object, Object> joiner)
      implements TableView {

    /**
     * The join of two values by the kind's rule: inner needs both, left the left, outer either.
     *
     * @param l the left value, or null
     * @param r the right value, or null
     * @return the joined value, or null when the key has no result
     */
    public Object join(Object l, Object r) {
      boolean present = switch (kind) {
        case INNER -> l != null && r != null;
        case LEFT -> l != null;
        case OUTER -> l != null || r != null;
      };
      return present ? joiner.apply(l, r) : null;
    }
  }

  /** A row's value from its key and value; null drops the row. */
  @FunctionalInterface
  interface RowFunction {
    /**
     * @param key the key
     * @param value the value, not null
     * @return the new value, or null to drop the row
     */
    Object apply(Object key, Object value);
  }

  /** The kinds of join. */
  enum JoinKind {
    /** Both sides must have the key. */
    INNER,
    /** The left side must have the key. */
    LEFT,
    /** Either side may have the key. */
    OUTER
  }
}
