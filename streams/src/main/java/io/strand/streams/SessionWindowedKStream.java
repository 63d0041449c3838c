package io.strand.streams;

/**
 * A grouped stream windowed into sessions, as Kafka Streams' {@code SessionWindowedKStream}, with
 * final results only (emitted when the watermark passes the session's end plus gap plus grace).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface SessionWindowedKStream<K, V> {

  /**
   * Counts records per key and session.
   *
   * @param materialized store name and key serde
   * @return the final results
   */
  KStream<Windowed<K>, Long> count(Materialized<K, Long> materialized);

  /**
   * Aggregates per key and session.
   *
   * @param initializer the first aggregate
   * @param aggregator adds a record
   * @param merger merges two sessions a record bridges
   * @param materialized store name and serdes
   * @param <A> the aggregate type
   * @return the final results
   */
  <A> KStream<Windowed<K>, A> aggregate(Initializer<A> initializer, Aggregator<? super K, ? super V, A> aggregator,
      Merger<? super K, A> merger, Materialized<K, A> materialized);

  /**
   * The side output of late records, as {@link TimeWindowedKStream#lateRecords()}.
   *
   * @return the late records
   */
  KStream<K, V> lateRecords();
}
