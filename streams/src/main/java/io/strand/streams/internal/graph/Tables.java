package io.strand.streams.internal.graph;

import io.strand.serializers.ByteSerde;
import io.strand.streams.Consumed;
import io.strand.streams.GlobalKTable;
import io.strand.streams.KStream;
import io.strand.streams.KTable;
import io.strand.streams.KeyValueMapper;
import io.strand.streams.Materialized;
import io.strand.streams.Repartitioned;
import io.strand.streams.TableJoined;
import io.strand.streams.ValueJoiner;
import java.util.Objects;

/**
 * Builds the table parts of a graph: tables from topics and streams, and the joins of streams with
 * tables. Kept apart from {@link GraphBuilder} and {@link KStreamImpl}, which only delegate here.
 */
final class Tables {

  private Tables() {
  }

  static <K, V> KTable<K, V> table(GraphBuilder graph, SourceNode source, Consumed<K, V> consumed) {
    TableStoreNode store = new TableStoreNode(graph.generated("table"), SourceNode.Role.TABLE, consumed.keySerde(),
        consumed.valueSerde());
    source.addChild(store);
    graph.addTableStore(store);
    return new KTableImpl<>(graph, store, store.view());
  }

  static <K, V> GlobalKTable<K, V> globalTable(GraphBuilder graph, SourceNode source, Consumed<K, V> consumed) {
    TableStoreNode store = new TableStoreNode(graph.generated("global-table"), SourceNode.Role.GLOBAL,
        consumed.keySerde(), consumed.valueSerde());
    source.addChild(store);
    graph.addTableStore(store);
    return new GlobalKTableImpl<>(graph, store);
  }

  static <K, V> KTable<K, V> toTable(GraphBuilder graph, KStreamImpl<K, V> stream, boolean keyChanged,
      Materialized<K, V> materialized) {
    KStreamImpl<K, V> input = stream;
    if (keyChanged) {
      if (materialized.name() == null) {
        throw new IllegalArgumentException("toTable after operator '" + stream.node().name() + "' changed the key,"
            + " so it repartitions, and the repartition needs a name: toTable(Materialized.as(\"...\")) names its"
            + " topic <job.name>-<job.id>-<name>-repartition");
      }
      input = (KStreamImpl<K, V>) stream.repartition(new Repartitioned<>(materialized.name() + "-repartition",
          materialized.keySerde(), materialized.valueSerde()));
    }
    // An aggregation's own serdes carry over (count's longs), as Kafka Streams passes serdes down.
    AggregateNode aggregate = stream.node() instanceof AggregateNode a && a.kind() == AggregateNode.Kind.KEY ? a : null;
    TableStoreNode store = new TableStoreNode(graph.named(materialized.name(), "totable"), SourceNode.Role.STREAM,
        materialized.keySerde() != null || aggregate == null ? materialized.keySerde() : aggregate.keySerde(),
        materialized.valueSerde() != null || aggregate == null ? materialized.valueSerde() : aggregate.valueSerde());
    input.node().addChild(store);
    graph.addTableStore(store);
    return new KTableImpl<>(graph, store, store.view());
  }

  @SuppressWarnings("unchecked")
  static <K, V, VR> KStream<K, VR> join(GraphBuilder graph, KStreamImpl<K, V> stream, boolean keyChanged,
      KTable<K, ?> table, ValueJoiner<?, ?, ?> joiner, boolean left) {
    Objects.requireNonNull(joiner, "joiner");
    if (!(table instanceof KTableImpl<K, ?> t) || t.graph() != graph) {
      throw new IllegalArgumentException("a stream-table join needs a table of the same graph");
    }
    t.requireView("a stream-table join");
    if (keyChanged) {
      throw new IllegalArgumentException("stream-table " + (left ? "leftJoin" : "join") + " after operator '"
          + stream.node().name() + "', which may have changed the key: the stream must be co-partitioned with the"
          + " table, so repartition it first (stream.repartition(Repartitioned.as(\"...\")).join(table, ...))");
    }
    StreamTableJoinNode node = new StreamTableJoinNode(graph.generated(left ? "leftjoin" : "join"), t.view(), t.node(),
        null, (ValueJoiner<Object, Object, Object>) joiner, left);
    stream.node().addChild(node);
    return new KStreamImpl<>(graph, node, false);
  }

  @SuppressWarnings("unchecked")
  static <K, V, VR> KStream<K, VR> join(GraphBuilder graph, KStreamImpl<K, V> stream, boolean keyChanged,
      GlobalKTable<?, ?> table, KeyValueMapper<?, ?, ?> keySelector, ValueJoiner<?, ?, ?> joiner, boolean left) {
    Objects.requireNonNull(keySelector, "keySelector");
    Objects.requireNonNull(joiner, "joiner");
    if (!(table instanceof GlobalKTableImpl<?, ?> t) || t.graph() != graph) {
      throw new IllegalArgumentException("a stream-global-table join needs a global table of the same graph");
    }
    StreamTableJoinNode node = new StreamTableJoinNode(graph.generated(left ? "leftjoin" : "join"), t.node().view(),
        null, (KeyValueMapper<Object, Object, Object>) keySelector, (ValueJoiner<Object, Object, Object>) joiner, left);
    stream.node().addChild(node);
    return new KStreamImpl<>(graph, node, keyChanged);
  }

  @SuppressWarnings("unchecked")
  static <K, VR> KTable<K, VR> foreignKeyJoin(GraphBuilder graph, KTableImpl<?, ?> left, KTable<?, ?> other,
      java.util.function.Function<?, ?> foreignKey, ValueJoiner<?, ?, ?> joiner, TableJoined tableJoined,
      boolean leftJoin) {
    Objects.requireNonNull(foreignKey, "foreignKeyExtractor");
    Objects.requireNonNull(joiner, "joiner");
    if (tableJoined == null || tableJoined.name() == null) {
      throw new IllegalArgumentException("a foreign-key join needs a name (TableJoined.as(\"...\")): it names its"
          + " intermediate topics and subscription store");
    }
    if (!(other instanceof KTableImpl<?, ?> right) || right.graph() != graph) {
      throw new IllegalArgumentException("a foreign-key join needs a table of the same graph");
    }
    if (!(left.view() instanceof TableView.Stored leftStore) || !(right.view() instanceof TableView.Stored rightStore)) {
      throw new IllegalArgumentException("foreign-key join '" + tableJoined.name() + "' needs two tables with stores"
          + " of their own (graph.table or toTable): it hashes the left value and sends the right one with their"
          + " serdes; materialize a derived table with toStream().toTable(Materialized.as(...)) first");
    }
    String name = graph.named(tableJoined.name(), "fk-join");
    String store = graph.named(name + "-subscriptions", "store");
    graph.addJoinStore(store);
    ForeignKeyJoinNode.Spec spec = new ForeignKeyJoinNode.Spec(name, store,
        (java.util.function.Function<Object, Object>) foreignKey, (ValueJoiner<Object, Object, Object>) joiner, leftJoin,
        leftStore, rightStore);
    ByteSerde bytes = new ByteSerde();

    ForeignKeyJoinNode subscribe = new ForeignKeyJoinNode(name + "-subscribe", ForeignKeyJoinNode.Part.SUBSCRIBE,
        spec, null);
    left.node().addChild(subscribe);
    String subscription = graph.named(name + "-subscription", "topic");
    SinkNode subscriptionSink = new SinkNode(subscription, graph.system(), graph.intermediateTopic(subscription),
        rightStore.keySerde(), bytes, true);
    subscribe.addChild(subscriptionSink);
    SourceNode subscriptions = graph.addIntermediate(subscriptionSink, KStreamImpl.upstreamSources(subscribe));

    ForeignKeyJoinNode keep = new ForeignKeyJoinNode(name + "-keep", ForeignKeyJoinNode.Part.SUBSCRIPTIONS, spec,
        right.node());
    subscriptions.addChild(keep);
    ForeignKeyJoinNode rightChange = new ForeignKeyJoinNode(name + "-right", ForeignKeyJoinNode.Part.RIGHT_CHANGE,
        spec, null);
    right.node().addChild(rightChange);
    String response = graph.named(name + "-response", "topic");
    SinkNode responseSink = new SinkNode(response, graph.system(), graph.intermediateTopic(response),
        leftStore.keySerde(), bytes, true);
    keep.addChild(responseSink);
    rightChange.addChild(responseSink);
    SourceNode responses = graph.addIntermediate(responseSink, KStreamImpl.upstreamSources(responseSink));

    ForeignKeyJoinNode result = new ForeignKeyJoinNode(name, ForeignKeyJoinNode.Part.RESPONSE, spec, left.node());
    responses.addChild(result);
    if (leftJoin) {
      // A left row without a foreign key has no subscription to answer it: the subscribe part answers
      // it itself, in the same task (the response topic is co-partitioned with the left table).
      subscribe.addChild(result);
    }
    return new KTableImpl<>(graph, result, null);
  }
}
