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

  /**
   * Foreign-key inner join, as Kafka Streams' KIP-213 {@code KTable#join(other, foreignKeyExtractor,
   * joiner)}: each row of this table joins the row of {@code other} whose key
   * {@code foreignKeyExtractor} takes from its value; the result is keyed by this table's key and
   * updated when either row changes. The tables need not be co-partitioned with each other.
   *
   * <p>How: a change of this table sends a subscription (keyed by the foreign key, with this key
   * and a hash of this value) through the intermediate topic {@code <name>-subscription} to the
   * task holding the foreign key, which keeps it in the store {@code <name>-subscriptions} and
   * answers through {@code <name>-response} with the other row; a change of the other table
   * answers every subscription of its key. An answer computed for a value this table no longer
   * holds (its hash differs) is dropped, so results never go back to an older row. Both
   * intermediate topics get the job's largest partition count: both tables need it (checked at
   * job start).
   *
   * <p>Results: a change of the result table carries no old value (as Kafka Streams'
   * unmaterialized foreign-key join), so the result is meant for {@link #toStream}: other table
   * operators on it are refused; {@code toStream().toTable(Materialized)} first. An inner join
   * emits a tombstone when a row loses its match or is deleted (also when it had no result
   * before). A row whose foreign key is null has no result.
   *
   * @param other the other table, keyed by the foreign key; it must have a store of its own
   *     ({@code StreamGraph#table} or {@code toTable}), as must this one
   * @param foreignKeyExtractor the other table's key from this table's value (never called with null)
   * @param joiner combines this value and the other's (never with a null value)
   * @param tableJoined the join's name (required)
   * @param <VR> the result type
   * @param <KO> the other table's key type
   * @param <VO> the other table's value type
   * @return the joined table
   * @throws IllegalArgumentException if either table has no store of its own, the tables are of
   *     another graph, or the name is missing or taken
   */
  <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
      java.util.function.Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined tableJoined);

  /**
   * Foreign-key left join: as {@link #join(KTable, java.util.function.Function, ValueJoiner, TableJoined)},
   * but a row whose foreign key the other table lacks joins with null, and so does a row whose
   * foreign key is null (the extractor returned null), from its first version on, as Kafka Streams
   * (KIP-962): no subscription is sent for it; the result is emitted in this table's task, and a
   * tombstone when the row is deleted.
   *
   * @param other the other table, keyed by the foreign key
   * @param foreignKeyExtractor the other table's key from this table's value
   * @param joiner combines this value and the other's or null
   * @param tableJoined the join's name (required)
   * @param <VR> the result type
   * @param <KO> the other table's key type
   * @param <VO> the other table's value type
   * @return the joined table
   * @throws IllegalArgumentException as for the inner join
   */
  <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
      java.util.function.Function<? super V, ? extends KO> foreignKeyExtractor,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined tableJoined);
}
