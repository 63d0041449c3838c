package io.strand.streams;

/**
 * A grouped stream windowed into sessions, as Kafka Streams' {@code SessionWindowedKStream}, with
 * final results by default (emitted when the watermark passes the session's end plus gap plus
 * grace) or early firings ({@link #emitStrategy}).
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
   * Sets when sessions emit (call it before the aggregation): final results on close (the
   * default) or early firings: {@link Firing#EARLY} every N records added to a session (those of
   * the sessions it merged count too) and/or every T ms of processing time while the watermark is
   * before the session's last record plus the gap, one {@link Firing#ON_TIME} result when it
   * reaches it (no record the watermark has not passed can join the session any more), then a
   * {@link Firing#LATE_UPDATE} of the merged session for each record within the grace that joins
   * it. A session that absorbs others supersedes their earlier results (the same key, a wider
   * range).
   *
   * @param strategy when to emit
   * @return this windowed stream
   */
  SessionWindowedKStream<K, V> emitStrategy(EmitStrategy strategy);

  /**
   * The side output of late records, as {@link TimeWindowedKStream#lateRecords()}.
   *
   * @return the late records
   */
  KStream<K, V> lateRecords();
}
