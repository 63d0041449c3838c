package io.strand.streams.internal.graph;

import io.strand.streams.KStream;
import io.strand.streams.KTable;
import io.strand.streams.Predicate;
import io.strand.streams.TableJoined;
import io.strand.streams.ValueJoiner;
import io.strand.streams.ValueMapper;
import java.util.Objects;

/**
 * The {@link KTable} of a graph node: the node whose changes it emits and the view a lookup uses.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class KTableImpl<K, V> implements KTable<K, V> {

  private final GraphBuilder graph;
  private final Node node;
  private final TableView view;

  KTableImpl(GraphBuilder graph, Node node, TableView view) {
    this.graph = graph;
    this.node = node;
    this.view = view;
  }

  GraphBuilder graph() {
    return graph;
  }

  Node node() {
    return node;
  }

  TableView view() {
    return view;
  }

  /**
   * The view a lookup uses, refused for a foreign-key join's result (its changes carry no old value
   * and nothing stores it).
   */
  TableView requireView(String use) {
    if (view == null) {
      throw new IllegalArgumentException(use + " cannot use foreign-key join result '" + node.name() + "' directly:"
          + " it has no store; use toStream().toTable(Materialized.as(\"...\")) first");
    }
    return view;
  }

  private <VR> KTable<K, VR> mapped(String kind, TableView.RowFunction function) {
    requireView("table " + kind);
    TableMapNode child = new TableMapNode(graph.generated(kind), function);
    node.addChild(child);
    return new KTableImpl<>(graph, child, new TableView.Mapped(view, function));
  }

  @Override
  @SuppressWarnings("unchecked")
  public KTable<K, V> filter(Predicate<? super K, ? super V> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return mapped("table-filter", (k, v) -> predicate.test((K) k, (V) v) ? v : null);
  }

  @Override
  @SuppressWarnings("unchecked")
  public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return mapped("table-filter", (k, v) -> predicate.test((K) k, (V) v) ? null : v);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return mapped("table-mapvalues", (k, v) -> mapper.apply((V) v));
  }

  @Override
  public KStream<K, V> toStream() {
    TransformNode child = new TransformNode(graph.generated("tostream"),
        (k, v, out) -> out.emit(k, ((Change) v).newValue()));
    node.addChild(child);
    return new KStreamImpl<>(graph, child, false);
  }

  @Override
  public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
    return join(other, joiner, TableView.JoinKind.INNER);
  }

  @Override
  public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
    return join(other, joiner, TableView.JoinKind.LEFT);
  }

  @Override
  public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
    return join(other, joiner, TableView.JoinKind.OUTER);
  }

  @SuppressWarnings("unchecked")
  private <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<?, ?, ?> joiner, TableView.JoinKind kind) {
    Objects.requireNonNull(joiner, "joiner");
    if (!(other instanceof KTableImpl<K, VO> o) || o.graph != graph) {
      throw new IllegalArgumentException("a table-table join needs a table of the same graph");
    }
    requireView("a table-table join");
    o.requireView("a table-table join");
    if (o.node == node) {
      throw new IllegalArgumentException("a table-table join needs two different tables");
    }
    String name = graph.generated("table-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "join");
    TableView.Joined joined = new TableView.Joined(view, o.view, kind, (ValueJoiner<Object, Object, Object>) joiner);
    TableJoinNode leftSide = new TableJoinNode(name + "-left", joined, true, o.node);
    TableJoinNode rightSide = new TableJoinNode(name + "-right", joined, false, node);
    node.addChild(leftSide);
    o.node.addChild(rightSide);
    TransformNode merged = new TransformNode(name, (k, v, out) -> out.emit(k, v));
    leftSide.addChild(merged);
    rightSide.addChild(merged);
    return new KTableImpl<>(graph, merged, joined);
  }

  @Override
  public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
      java.util.function.Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined tableJoined) {
    return Tables.foreignKeyJoin(graph, this, other, foreignKeyExtractor, joiner, tableJoined, false);
  }

  @Override
  public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
      java.util.function.Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined tableJoined) {
    return Tables.foreignKeyJoin(graph, this, other, foreignKeyExtractor, joiner, tableJoined, true);
  }
}
