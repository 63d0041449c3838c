package io.strand.streams;

/**
 * A grouped stream windowed by event time or count, as Kafka Streams' {@code TimeWindowedKStream}
 * with {@code EmitStrategy.onWindowClose()} by default: each window's result is emitted once, when
 * the operator's watermark passes the window's end plus its grace (count windows: when the window
 * is full); {@link #emitStrategy} asks for early, on-time and late firings instead.
 * State lives in a changelogged store, so results after a crash equal those of a run without it.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface TimeWindowedKStream<K, V> {

  /**
   * Counts records per key and window.
   *
   * @param materialized store name and key serde
   * @return the final results
   */
  KStream<Windowed<K>, Long> count(Materialized<K, Long> materialized);

  /**
   * Combines the values per key and window.
   *
   * @param reducer the combination
   * @param materialized store name and serdes
   * @return the final results
   */
  KStream<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V> materialized);

  /**
   * Aggregates per key and window.
   *
   * @param initializer the first aggregate
   * @param aggregator adds a record
   * @param materialized store name and serdes
   * @param <A> the aggregate type
   * @return the final results
   */
  <A> KStream<Windowed<K>, A> aggregate(Initializer<A> initializer, Aggregator<? super K, ? super V, A> aggregator,
      Materialized<K, A> materialized);

  /**
   * Sets when windows emit (time windows only; call it before the aggregation): final results on
   * close (the default) or early firings, then on time, then late updates within the grace. See
   * {@link EmitStrategy}; each result's {@link Windowed#firing()} says which it is.
   *
   * @param strategy when to emit
   * @return this windowed stream
   * @throws IllegalArgumentException for early firings on count windows (they emit when full)
   */
  TimeWindowedKStream<K, V> emitStrategy(EmitStrategy strategy);

  /**
   * The side output of late records: those whose every window had closed when they arrived
   * (Flink's {@code sideOutputLateData}). Each is also counted in the task metric
   * {@code streams.<operator>.late-records}. Without this call late records are only counted.
   * Call it before the aggregation.
   *
   * @return the late records, as they arrived
   */
  KStream<K, V> lateRecords();
}
