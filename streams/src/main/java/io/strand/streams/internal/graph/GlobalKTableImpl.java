package io.strand.streams.internal.graph;

import io.strand.streams.GlobalKTable;

/**
 * The {@link GlobalKTable} of a graph: its store node.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class GlobalKTableImpl<K, V> implements GlobalKTable<K, V> {

  private final GraphBuilder graph;
  private final TableStoreNode node;

  GlobalKTableImpl(GraphBuilder graph, TableStoreNode node) {
    this.graph = graph;
    this.node = node;
  }

  GraphBuilder graph() {
    return graph;
  }

  TableStoreNode node() {
    return node;
  }

  @Override
  public String storeName() {
    return node.store();
  }
}
