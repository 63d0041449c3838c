package io.strand.streams.internal.graph;

import io.strand.serializers.LongSerde;
import io.strand.serializers.Serde;
import io.strand.streams.Aggregator;
import io.strand.streams.CountWindows;
import io.strand.streams.Grouped;
import io.strand.streams.Initializer;
import io.strand.streams.KGroupedStream;
import io.strand.streams.KStream;
import io.strand.streams.Materialized;
import io.strand.streams.Merger;
import io.strand.streams.Reducer;
import io.strand.streams.SessionWindowedKStream;
import io.strand.streams.SessionWindows;
import io.strand.streams.TimeWindowedKStream;
import io.strand.streams.TimeWindows;
import java.util.Objects;

/**
 * A grouped stream and its windowed forms: each aggregation adds an {@link AggregateNode}.
 * Reduce is an aggregate whose first value is the first record's (a null aggregate marks "none
 * yet"); count is an aggregate of longs with a long serde.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class KGroupedStreamImpl<K, V> implements KGroupedStream<K, V> {

  private static final Serde<Long> LONGS = new LongSerde();

  private final GraphBuilder graph;
  private final KStreamImpl<K, V> stream;
  private final Grouped<K, V> grouped;

  KGroupedStreamImpl(GraphBuilder graph, KStreamImpl<K, V> stream, Grouped<K, V> grouped) {
    this.graph = graph;
    this.stream = stream;
    this.grouped = grouped;
  }

  @Override
  public KStream<K, Long> count() {
    return count(new Materialized<>(null, null, null));
  }

  @Override
  public KStream<K, Long> count(Materialized<K, Long> materialized) {
    return add(AggregateNode.Kind.KEY, "count", materialized, LONGS, () -> 0L,
        (k, v, a) -> (Long) a + 1, null, null);
  }

  @Override
  @SuppressWarnings("unchecked")
  public KStream<K, V> reduce(Reducer<V> reducer, Materialized<K, V> materialized) {
    Objects.requireNonNull(reducer, "reducer");
    return add(AggregateNode.Kind.KEY, "reduce", materialized, groupedValueSerde(), () -> null,
        (k, v, a) -> a == null ? v : reducer.apply((V) a, (V) v), null, null);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A> KStream<K, A> aggregate(Initializer<A> initializer, Aggregator<? super K, ? super V, A> aggregator,
      Materialized<K, A> materialized) {
    Objects.requireNonNull(initializer, "initializer");
    Objects.requireNonNull(aggregator, "aggregator");
    return add(AggregateNode.Kind.KEY, "aggregate", materialized, null, initializer::apply,
        (k, v, a) -> aggregator.apply((K) k, (V) v, (A) a), null, null);
  }

  /** The grouped values' serde: given in {@code Grouped}, else inherited from upstream. */
  private Serde<?> groupedValueSerde() {
    return SerdeInheritance.or(grouped.valueSerde(), SerdeInheritance.value(stream.node()));
  }

  @Override
  public TimeWindowedKStream<K, V> windowedBy(TimeWindows windows) {
    return new TimeWindowed(AggregateNode.Kind.TIME, new WindowSpec(Objects.requireNonNull(windows, "windows"),
        graph.generated("late")));
  }

  @Override
  public TimeWindowedKStream<K, V> windowedBy(CountWindows windows) {
    return new TimeWindowed(AggregateNode.Kind.COUNT, new WindowSpec(Objects.requireNonNull(windows, "windows"),
        graph.generated("late")));
  }

  @Override
  public SessionWindowedKStream<K, V> windowedBy(SessionWindows windows) {
    return new Sessions(new WindowSpec(Objects.requireNonNull(windows, "windows"), graph.generated("late")));
  }

  private <R> KStream<R, Object> addUntyped(AggregateNode.Kind kind, String function, Materialized<?, ?> materialized,
      Serde<?> defaultValueSerde, AggregateNode.Init init, AggregateNode.Add add, AggregateNode.Merge merge,
      WindowSpec spec) {
    String name = graph.named(materialized.name(), function);
    Serde<?> keySerde = materialized.keySerde() != null ? materialized.keySerde()
        : SerdeInheritance.or(grouped.keySerde(), SerdeInheritance.key(stream.node()));
    Serde<?> valueSerde = materialized.valueSerde() != null ? materialized.valueSerde() : defaultValueSerde;
    AggregateNode node = new AggregateNode(name, kind, function, keySerde, valueSerde, init, add, merge, spec);
    stream.node().addChild(node);
    graph.addAggregate(node);
    return new KStreamImpl<>(graph, node, kind != AggregateNode.Kind.KEY);
  }

  @SuppressWarnings("unchecked")
  private <R, A> KStream<R, A> add(AggregateNode.Kind kind, String function, Materialized<?, ?> materialized,
      Serde<?> defaultValueSerde, AggregateNode.Init init, AggregateNode.Add add, AggregateNode.Merge merge,
      WindowSpec spec) {
    return (KStream<R, A>) (KStream<R, ?>) addUntyped(kind, function, materialized, defaultValueSerde, init, add,
        merge, spec);
  }

  /** Tumbling, hopping or count windows. */
  private final class TimeWindowed implements TimeWindowedKStream<K, V> {
    private final AggregateNode.Kind kind;
    private final WindowSpec spec;

    TimeWindowed(AggregateNode.Kind kind, WindowSpec spec) {
      this.kind = kind;
      this.spec = spec;
    }

    @Override
    public KStream<io.strand.streams.Windowed<K>, Long> count(Materialized<K, Long> materialized) {
      // The merge lets hopping windows keep one count per pane (PanedTimeWindowOp).
      return add(kind, "count", materialized, LONGS, () -> 0L, (k, v, a) -> (Long) a + 1,
          (k, l, r) -> (Long) l + (Long) r, spec);
    }

    @Override
    @SuppressWarnings("unchecked")
    public KStream<io.strand.streams.Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V> materialized) {
      Objects.requireNonNull(reducer, "reducer");
      return add(kind, "reduce", materialized, groupedValueSerde(), () -> null,
          (k, v, a) -> a == null ? v : reducer.apply((V) a, (V) v), null, spec);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> KStream<io.strand.streams.Windowed<K>, A> aggregate(Initializer<A> initializer,
        Aggregator<? super K, ? super V, A> aggregator, Materialized<K, A> materialized) {
      return add(kind, "aggregate", materialized, null, initializer::apply,
          (k, v, a) -> aggregator.apply((K) k, (V) v, (A) a), null, spec);
    }

    @Override
    public KStream<K, V> lateRecords() {
      return new KStreamImpl<>(graph, spec.lateOutputCreated(), false);
    }

    @Override
    public TimeWindowedKStream<K, V> emitStrategy(io.strand.streams.EmitStrategy strategy) {
      if (kind == AggregateNode.Kind.COUNT && strategy.early()) {
        throw new IllegalArgumentException("count windows emit when full; early firings are for time windows");
      }
      spec.emit(strategy);
      return this;
    }
  }

  /** Session windows. */
  private final class Sessions implements SessionWindowedKStream<K, V> {
    private final WindowSpec spec;

    Sessions(WindowSpec spec) {
      this.spec = spec;
    }

    @Override
    public KStream<io.strand.streams.Windowed<K>, Long> count(Materialized<K, Long> materialized) {
      return add(AggregateNode.Kind.SESSION, "count", materialized, LONGS, () -> 0L, (k, v, a) -> (Long) a + 1,
          (k, l, r) -> (Long) l + (Long) r, spec);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> KStream<io.strand.streams.Windowed<K>, A> aggregate(Initializer<A> initializer,
        Aggregator<? super K, ? super V, A> aggregator, Merger<? super K, A> merger, Materialized<K, A> materialized) {
      Objects.requireNonNull(merger, "merger");
      return add(AggregateNode.Kind.SESSION, "aggregate", materialized, null, initializer::apply,
          (k, v, a) -> aggregator.apply((K) k, (V) v, (A) a), (k, l, r) -> merger.apply((K) k, (A) l, (A) r), spec);
    }

    @Override
    public KStream<K, V> lateRecords() {
      return new KStreamImpl<>(graph, spec.lateOutputCreated(), false);
    }

    @Override
    public SessionWindowedKStream<K, V> emitStrategy(io.strand.streams.EmitStrategy strategy) {
      spec.emit(strategy);
      return this;
    }
  }
}
