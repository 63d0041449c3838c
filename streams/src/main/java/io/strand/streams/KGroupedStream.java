package io.strand.streams;

/**
 * A stream grouped by key, ready to aggregate, as Kafka Streams' {@code KGroupedStream}.
 * Aggregations keep their state in changelogged RocksDB stores named by their
 * {@link Materialized} (or their position) and return the stream of their updates: one record
 * per input record, the key's new aggregate (Kafka Streams' {@code KTable#toStream} without a
 * cache).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface KGroupedStream<K, V> {

  /**
   * Counts records per key.
   *
   * @return the updates
   */
  KStream<K, Long> count();

  /**
   * Counts records per key into a named store.
   *
   * @param materialized store name and key serde (the value serde is always a long serde)
   * @return the updates
   */
  KStream<K, Long> count(Materialized<K, Long> materialized);

  /**
   * Combines the values of each key.
   *
   * @param reducer the combination
   * @param materialized store name and serdes
   * @return the updates
   */
  KStream<K, V> reduce(Reducer<V> reducer, Materialized<K, V> materialized);

  /**
   * Aggregates the values of each key.
   *
   * @param initializer the first aggregate
   * @param aggregator adds a record
   * @param materialized store name and serdes; the aggregate's serde is needed unless the system's
   *     message serde can hold it
   * @param <A> the aggregate type
   * @return the updates
   */
  <A> KStream<K, A> aggregate(Initializer<A> initializer, Aggregator<? super K, ? super V, A> aggregator,
      Materialized<K, A> materialized);

  /**
   * Windows the grouped stream by event time.
   *
   * @param windows tumbling or hopping windows
   * @return the windowed stream
   */
  TimeWindowedKStream<K, V> windowedBy(TimeWindows windows);

  /**
   * Windows the grouped stream by count.
   *
   * @param windows count windows
   * @return the windowed stream
   */
  TimeWindowedKStream<K, V> windowedBy(CountWindows windows);

  /**
   * Windows the grouped stream into sessions.
   *
   * @param windows session windows
   * @return the windowed stream
   */
  SessionWindowedKStream<K, V> windowedBy(SessionWindows windows);
}
