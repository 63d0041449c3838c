package io.strand.streams.internal.graph;

import io.strand.streams.BranchedKStream;
import io.strand.streams.ForeachAction;
import io.strand.streams.GlobalKTable;
import io.strand.streams.Grouped;
import io.strand.streams.KGroupedStream;
import io.strand.streams.KStream;
import io.strand.streams.KTable;
import io.strand.streams.KeyValue;
import io.strand.streams.KeyValueMapper;
import io.strand.streams.Materialized;
import io.strand.streams.Predicate;
import io.strand.streams.ProcessorSupplier;
import io.strand.streams.Produced;
import io.strand.streams.Repartitioned;
import io.strand.streams.ValueJoiner;
import io.strand.streams.ValueMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link KStream} of a graph node. {@code keyChanged} records whether an operator since the
 * last source or repartition may have changed the key, so {@link #groupByKey()} knows to
 * repartition first (as Kafka Streams does).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class KStreamImpl<K, V> implements KStream<K, V> {

  private final GraphBuilder graph;
  private final Node node;
  private final boolean keyChanged;

  KStreamImpl(GraphBuilder graph, Node node, boolean keyChanged) {
    this.graph = graph;
    this.node = node;
    this.keyChanged = keyChanged;
  }

  Node node() {
    return node;
  }

  private <KR, VR> KStream<KR, VR> then(String kind, boolean changesKey, RecordFunction function) {
    TransformNode child = new TransformNode(graph.generated(kind), function);
    node.addChild(child);
    return new KStreamImpl<>(graph, child, keyChanged || changesKey);
  }

  @Override
  @SuppressWarnings("unchecked")
  public KStream<K, V> filter(Predicate<? super K, ? super V> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return then("filter", false, (k, v, out) -> {
      if (predicate.test((K) k, (V) v)) {
        out.emit(k, v);
      }
    });
  }

  @Override
  @SuppressWarnings("unchecked")
  public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return then("filter", false, (k, v, out) -> {
      if (!predicate.test((K) k, (V) v)) {
        out.emit(k, v);
      }
    });
  }

  @Override
  @SuppressWarnings("unchecked")
  public <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return then("map", true, (k, v, out) -> {
      KeyValue<KR, VR> kv = mapper.apply((K) k, (V) v);
      out.emit(kv.key(), kv.value());
    });
  }

  @Override
  @SuppressWarnings("unchecked")
  public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return then("mapvalues", false, (k, v, out) -> out.emit(k, mapper.apply((V) v)));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <KR, VR> KStream<KR, VR> flatMap(
      KeyValueMapper<? super K, ? super V, ? extends Iterable<KeyValue<KR, VR>>> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return then("flatmap", true, (k, v, out) -> {
      for (KeyValue<KR, VR> kv : mapper.apply((K) k, (V) v)) {
        out.emit(kv.key(), kv.value());
      }
    });
  }

  @Override
  @SuppressWarnings("unchecked")
  public <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return then("flatmapvalues", false, (k, v, out) -> {
      for (VR value : mapper.apply((V) v)) {
        out.emit(k, value);
      }
    });
  }

  @Override
  @SuppressWarnings("unchecked")
  public KStream<K, V> peek(ForeachAction<? super K, ? super V> action) {
    Objects.requireNonNull(action, "action");
    return then("peek", false, (k, v, out) -> {
      action.apply((K) k, (V) v);
      out.emit(k, v);
    });
  }

  @Override
  public KStream<K, V> merge(KStream<K, V> other) {
    if (!(other instanceof KStreamImpl<K, V> o) || o.graph != graph) {
      throw new IllegalArgumentException("merge needs a stream of the same graph");
    }
    TransformNode merged = new TransformNode(graph.generated("merge"), (k, v, out) -> out.emit(k, v));
    node.addChild(merged);
    o.node.addChild(merged);
    return new KStreamImpl<>(graph, merged, keyChanged || o.keyChanged);
  }

  @Override
  public BranchedKStream<K, V> split() {
    return new Branches();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return then("selectkey", true, (k, v, out) -> out.emit(mapper.apply((K) k, (V) v), v));
  }

  @Override
  public KStream<K, V> repartition(Repartitioned<K, V> repartitioned) {
    if (repartitioned.name() == null) {
      throw new IllegalArgumentException("repartition after operator '" + node.name() + "' needs a name"
          + " (Repartitioned.as(\"...\")): it names the intermediate topic, and a generated name would shift when an"
          + " operator is added before it, leaving the old topic's unread records behind");
    }
    String name = graph.named(repartitioned.name(), "repartition");
    SinkNode sink = new SinkNode(name, graph.system(), graph.intermediateTopic(name), repartitioned.keySerde(),
        repartitioned.valueSerde(), true);
    node.addChild(sink);
    SourceNode source = graph.addIntermediate(sink, upstreamSources(node));
    return new KStreamImpl<>(graph, source, false);
  }

  @Override
  public void to(String topic) {
    to(topic, new Produced<>(null, null));
  }

  @Override
  public void to(String topic, Produced<K, V> produced) {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("to(...) needs a topic name");
    }
    SinkNode sink = new SinkNode(graph.generated("sink"), graph.system(), topic, produced.keySerde(),
        produced.valueSerde(), false);
    node.addChild(sink);
    graph.addSink(sink);
  }

  @Override
  public <KR, VR> KStream<KR, VR> process(ProcessorSupplier<K, V, KR, VR> supplier, String... storeNames) {
    Objects.requireNonNull(supplier, "supplier");
    for (String store : storeNames) {
      graph.checkStore(store);
    }
    ProcessNode child = new ProcessNode(graph.generated("process"), supplier, List.of(storeNames));
    node.addChild(child);
    return new KStreamImpl<>(graph, child, true);
  }

  @Override
  public KGroupedStream<K, V> groupByKey() {
    return groupByKey(new Grouped<>(null, null, null));
  }

  @Override
  public KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped) {
    if (!keyChanged) {
      return new KGroupedStreamImpl<>(graph, this, grouped);
    }
    if (grouped.name() == null) {
      throw new IllegalArgumentException("grouping after operator '" + node.name() + "' changed the key, so it"
          + " repartitions, and the repartition needs a name: groupByKey(Grouped.as(\"...\")) or"
          + " groupBy(keyFn, Grouped.as(\"...\")) names its topic <job.name>-<job.id>-<name>-repartition");
    }
    KStream<K, V> repartitioned = repartition(new Repartitioned<>(grouped.name() == null ? null
        : grouped.name() + "-repartition", grouped.keySerde(), grouped.valueSerde()));
    return new KGroupedStreamImpl<>(graph, (KStreamImpl<K, V>) repartitioned, grouped);
  }

  @Override
  public <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector,
      Grouped<KR, V> grouped) {
    KStreamImpl<KR, V> keyed = (KStreamImpl<KR, V>) selectKey(keySelector);
    return keyed.groupByKey(grouped);
  }

  @Override
  public KTable<K, V> toTable() {
    return toTable(new Materialized<>(null, null, null));
  }

  @Override
  public KTable<K, V> toTable(Materialized<K, V> materialized) {
    return Tables.toTable(graph, this, keyChanged, materialized);
  }

  @Override
  public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
    return Tables.join(graph, this, keyChanged, table, joiner, false);
  }

  @Override
  public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
      ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
    return Tables.join(graph, this, keyChanged, table, joiner, true);
  }

  @Override
  public <GK, GV, VR> KStream<K, VR> join(GlobalKTable<GK, GV> table,
      KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
      ValueJoiner<? super V, ? super GV, ? extends VR> joiner) {
    return Tables.join(graph, this, keyChanged, table, keySelector, joiner, false);
  }

  @Override
  public <GK, GV, VR> KStream<K, VR> leftJoin(GlobalKTable<GK, GV> table,
      KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
      ValueJoiner<? super V, ? super GV, ? extends VR> joiner) {
    return Tables.join(graph, this, keyChanged, table, keySelector, joiner, true);
  }

  /** The author's sources (and intermediate topics) that feed a node. */
  static List<SourceNode> upstreamSources(Node node) {
    Set<SourceNode> found = new LinkedHashSet<>();
    List<Node> todo = new ArrayList<>(List.of(node));
    while (!todo.isEmpty()) {
      Node n = todo.remove(todo.size() - 1);
      if (n instanceof SourceNode s) {
        found.add(s);
      } else {
        todo.addAll(n.parents());
      }
    }
    return new ArrayList<>(found);
  }

  private final class Branches implements BranchedKStream<K, V> {
    private final Map<String, Predicate<? super K, ? super V>> predicates = new LinkedHashMap<>();
    private boolean ended;

    @Override
    public BranchedKStream<K, V> branch(String name, Predicate<? super K, ? super V> predicate) {
      check();
      if (predicates.containsKey(name)) {
        throw new IllegalArgumentException("branch '" + name + "' is already defined");
      }
      predicates.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(predicate, "predicate"));
      return this;
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch(String name) {
      return end(name);
    }

    @Override
    public Map<String, KStream<K, V>> noDefaultBranch() {
      return end(null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, KStream<K, V>> end(String defaultName) {
      check();
      ended = true;
      Map<String, KStream<K, V>> result = new LinkedHashMap<>();
      List<Predicate<? super K, ? super V>> earlier = new ArrayList<>();
      for (Map.Entry<String, Predicate<? super K, ? super V>> e : predicates.entrySet()) {
        List<Predicate<? super K, ? super V>> before = List.copyOf(earlier);
        Predicate<? super K, ? super V> p = e.getValue();
        result.put(e.getKey(), then("branch", false, (k, v, out) -> {
          if (p.test((K) k, (V) v) && none(before, (K) k, (V) v)) {
            out.emit(k, v);
          }
        }));
        earlier.add(p);
      }
      if (defaultName != null) {
        if (result.containsKey(defaultName)) {
          throw new IllegalArgumentException("branch '" + defaultName + "' is already defined");
        }
        List<Predicate<? super K, ? super V>> all = List.copyOf(earlier);
        result.put(defaultName, then("branch", false, (k, v, out) -> {
          if (none(all, (K) k, (V) v)) {
            out.emit(k, v);
          }
        }));
      }
      return result;
    }

    private boolean none(List<Predicate<? super K, ? super V>> predicates, K key, V value) {
      for (Predicate<? super K, ? super V> p : predicates) {
        if (p.test(key, value)) {
          return false;
        }
      }
      return true;
    }

    private void check() {
      if (ended) {
        throw new IllegalStateException("this split already ended");
      }
    }
  }
}
