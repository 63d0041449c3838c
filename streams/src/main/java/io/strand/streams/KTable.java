package io.strand.streams;

/**
 * A changelog stream seen as the latest value per key, as Kafka Streams' {@code KTable}: a record
 * with a value inserts or updates its key, a record with a null value (a tombstone) deletes it.
 * Made by {@link StreamGraph#table} (from a compacted topic), {@link KStream#toTable} (from a
 * stream, for example an aggregation's updates), or derived with the operators below.
 *
 * <p>Updates flow down as changes (the key's new and old value); {@link #toStream} turns them back
 * into records, a deletion as a record with a null value. Derived tables ({@link #filter},
 * {@link #mapValues}, joins) keep no store of their own: a lookup computes them from the store of
 * the table they derive from, as Kafka Streams' value getters do.
 *
 * <p>Order: a task applies a table's updates and its streams' records in the order it receives
 * them (offset order within each partition; between partitions, the run loop's chooser), so a
 * stream record joins with the table as of the table records the task processed before it, as
 * Kafka Streams without versioned stores. Event time does not reorder table updates.
 *
 * <p>Threading: user functions are called from the task's thread, one update at a time.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface KTable<K, V> {

  /**
   * The rows for which the predicate holds; a row that stops passing is deleted downstream.
   *
   * @param predicate the test (never called with a null value)
   * @return the table
   */
  KTable<K, V> filter(Predicate<? super K, ? super V> predicate);

  /**
   * The rows for which the predicate does not hold.
   *
   * @param predicate the test (never called with a null value)
   * @return the table
   */
  KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate);

  /**
   * Each row's value mapped; a null result deletes the row.
   *
   * @param mapper the mapping (never called with a null value)
   * @param <VR> the new value type
   * @return the table
   */
  <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

  /**
   * The table's updates as a stream: each change's new value, a deletion as a null value (which
   * a sink writes as a tombstone). The event time is the updating record's.
   *
   * @return the stream
   */
  KStream<K, V> toStream();

  /**
   * Table-table inner join on the key, as Kafka Streams' {@code KTable#join}: a row for each key
   * both tables hold, recomputed when either side changes; a key that loses either side is
   * deleted downstream (a tombstone, only if it had a result). Both tables must be
   * co-partitioned (checked at job start).
   *
   * @param other the right table
   * @param joiner combines the two values (never called with a null value)
   * @param <VO> the right value type
   * @param <VR> the result type
   * @return the joined table
   * @throws IllegalArgumentException if {@code other} belongs to another graph
   */
  <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

  /**
   * Table-table left join: a row for each key this table holds, the right value null when the
   * other table lacks the key.
   *
   * @param other the right table
   * @param joiner combines the two values (the right one may be null)
   * @param <VO> the right value type
   * @param <VR> the result type
   * @return the joined table
   * @throws IllegalArgumentException if {@code other} belongs to another graph
   */
  <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

  /**
   * Table-table outer join: a row for each key either table holds, the missing side null.
   *
   * @param other the right table
   * @param joiner combines the two values (either may be null, never both)
   * @param <VO> the right value type
   * @param <VR> the result type
   * @return the joined table
   * @throws IllegalArgumentException if {@code other} belongs to another graph
   */
  <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);
}
