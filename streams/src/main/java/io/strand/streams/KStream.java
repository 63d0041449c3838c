package io.strand.streams;

/**
 * A stream of keyed records, as Kafka Streams' {@code KStream}. Each operator returns a new
 * stream; nothing runs until the job starts. Records carry an event time (from the input's
 * {@link TimestampExtractor}) that stateless operators keep.
 *
 * <p>Operator names: operators that own a store or a topic take their name from their config
 * object ({@link Repartitioned}, {@link Grouped}, {@link Materialized}); the name names the store,
 * changelog and intermediate topic, so keep it stable across versions of a job. A repartition must
 * be named: a generated name ({@code <kind>-<position>}) shifts when an operator is added before
 * it, and the new version would then read a new intermediate topic and never the records the old
 * one left unread. An aggregation may go unnamed (its store gets {@code <function>-<position>});
 * the store's signature check stops a job whose shifted names point at state of another kind.
 *
 * <p>Threading: user functions of one task are called from that task's thread, one record at a
 * time; the functions themselves are shared by the tasks of a container (keep them stateless, or
 * use {@link #process} for per-task state).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface KStream<K, V> {

  /**
   * The records for which the predicate holds.
   *
   * @param predicate the test
   * @return the stream
   */
  KStream<K, V> filter(Predicate<? super K, ? super V> predicate);

  /**
   * The records for which the predicate does not hold.
   *
   * @param predicate the test
   * @return the stream
   */
  KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate);

  /**
   * Each record mapped to a new key and value. The new key is not repartitioned: group or
   * {@link #repartition} to co-partition by it.
   *
   * @param mapper the mapping
   * @param <KR> the new key type
   * @param <VR> the new value type
   * @return the stream
   */
  <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> mapper);

  /**
   * Each record's value mapped.
   *
   * @param mapper the mapping
   * @param <VR> the new value type
   * @return the stream
   */
  <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

  /**
   * Each record mapped to zero or more records.
   *
   * @param mapper the mapping
   * @param <KR> the new key type
   * @param <VR> the new value type
   * @return the stream
   */
  <KR, VR> KStream<KR, VR> flatMap(KeyValueMapper<? super K, ? super V, ? extends Iterable<KeyValue<KR, VR>>> mapper);

  /**
   * Each record's value mapped to zero or more values, key kept.
   *
   * @param mapper the mapping
   * @param <VR> the new value type
   * @return the stream
   */
  <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper);

  /**
   * The same records, after an action on each.
   *
   * @param action the action
   * @return the stream
   */
  KStream<K, V> peek(ForeachAction<? super K, ? super V> action);

  /**
   * This stream's records and another's, in the order the task receives them.
   *
   * @param other the other stream
   * @return the merged stream
   */
  KStream<K, V> merge(KStream<K, V> other);

  /**
   * Splits the stream into branches by predicates (first match wins), as Kafka Streams' {@code split}.
   *
   * @return the branch builder
   */
  BranchedKStream<K, V> split();

  /**
   * Each record with a new key computed from it.
   *
   * @param mapper the new key
   * @param <KR> the new key type
   * @return the stream
   */
  <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper);

  /**
   * The records written to an intermediate topic partitioned by key and read back (Samza's
   * {@code partitionBy}), so each key is in one task: {@code <job.name>-<job.id>-<name>}, created
   * at job start with the largest partition count of the job's inputs. Watermarks travel through
   * it as control records.
   *
   * @param repartitioned name (required) and serdes
   * @return the stream read back
   * @throws IllegalArgumentException if it has no name (see the class comment)
   */
  KStream<K, V> repartition(Repartitioned<K, V> repartitioned);

  /**
   * Writes the records to a topic with the system's serdes; an output topic is created when
   * missing, as for any task's output.
   *
   * @param topic the output topic
   */
  void to(String topic);

  /**
   * Writes the records to a topic.
   *
   * @param topic the output topic
   * @param produced the serdes
   */
  void to(String topic, Produced<K, V> produced);

  /**
   * The low-level escape hatch: each task gets its own processor from the supplier, with access to
   * the named stores (declared with {@link StreamGraph#addStateStore}).
   *
   * @param supplier makes one processor per task
   * @param storeNames the stores the processor uses
   * @param <KR> the output key type
   * @param <VR> the output value type
   * @return the processor's output stream
   * @throws IllegalArgumentException if a store was not declared
   */
  <KR, VR> KStream<KR, VR> process(ProcessorSupplier<K, V, KR, VR> supplier, String... storeNames);

  /**
   * Groups by the current key, without a repartition (the key must already be the partitioning key,
   * or the stream come from a {@link #repartition} / {@link #selectKey} is repartitioned: a key
   * changed by {@link #map}, {@link #selectKey} or {@link #flatMap} is repartitioned first, as Kafka
   * Streams does; that repartition needs a name, so use {@link #groupByKey(Grouped)} with
   * {@link Grouped#as} after a key change).
   *
   * @return the grouped stream
   * @throws IllegalArgumentException if the key may have changed (a repartition without a name)
   */
  KGroupedStream<K, V> groupByKey();

  /**
   * As {@link #groupByKey()} with a name and serdes.
   *
   * @param grouped name (names the repartition, {@code <name>-repartition}, if one is needed) and serdes
   * @return the grouped stream
   * @throws IllegalArgumentException if a repartition is needed and {@code grouped} has no name
   */
  KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped);

  /**
   * Groups by a new key with a name and serdes; always repartitions, through
   * {@code <job.name>-<job.id>-<name>-repartition}.
   *
   * @param keySelector the grouping key
   * @param grouped name (required) and serdes
   * @param <KR> the new key type
   * @return the grouped stream
   * @throws IllegalArgumentException if {@code grouped} has no name
   */
  <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector, Grouped<KR, V> grouped);

  /**
   * The stream seen as a table (latest value per key, a null value deleting), as Kafka Streams'
   * {@code toTable}: for example an aggregation's updates as the table of current aggregates.
   * Materialized in a changelogged RocksDB store with a generated name; see
   * {@link #toTable(Materialized)}.
   *
   * @return the table
   * @throws IllegalArgumentException if the key may have changed (name it with {@link #toTable(Materialized)})
   */
  KTable<K, V> toTable();

  /**
   * The stream seen as a table in the named store ({@code stores.<name>}, changelog
   * {@code <job.name>-<job.id>-<name>-changelog}). A stream whose key may have changed is
   * repartitioned first, through {@code <name>-repartition}. Serdes: the given ones, else those of
   * the aggregation the stream comes from ({@code count}'s longs), else the system's.
   *
   * @param materialized store name and serdes
   * @return the table
   * @throws IllegalArgumentException if a repartition is needed and {@code materialized} has no name
   */
  KTable<K, V> toTable(Materialized<K, V> materialized);

  /**
   * Stream-table inner join, as Kafka Streams' {@code KStream#join(KTable, ValueJoiner)}: each
   * record whose key the table holds, joined with the table's value at the time the task processes
   * the record (see {@link KTable} for the order); other records and null keys are dropped. The
   * table's updates emit nothing. The stream must be co-partitioned with the table: same partition
   * count (checked at job start) and a key not changed since its source (else
   * {@link #repartition} it first).
   *
   * @param table the table
   * @param joiner combines the record's and the table's value
   * @param <VT> the table's value type
   * @param <VR> the result type
   * @return the joined stream
   * @throws IllegalArgumentException if the key may have changed, or the table is of another graph
   */
  <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner);

  /**
   * Stream-table left join: as {@link #join(KTable, ValueJoiner)}, but a record whose key the
   * table lacks (or a null key) is joined with {@code null}.
   *
   * @param table the table
   * @param joiner combines the record's value and the table's value or null
   * @param <VT> the table's value type
   * @param <VR> the result type
   * @return the joined stream
   * @throws IllegalArgumentException if the key may have changed, or the table is of another graph
   */
  <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner);

  /**
   * Stream-global-table inner join: each record is looked up in the global table by the key
   * {@code keySelector} computes from it; records it finds nothing for are dropped. No
   * co-partitioning is needed. The result keeps the stream's key.
   *
   * @param table the global table
   * @param keySelector the table key of a record (null: no match)
   * @param joiner combines the record's and the table's value
   * @param <GK> the table's key type
   * @param <GV> the table's value type
   * @param <VR> the result type
   * @return the joined stream
   * @throws IllegalArgumentException if the table is of another graph
   */
  <GK, GV, VR> KStream<K, VR> join(GlobalKTable<GK, GV> table, KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
      ValueJoiner<? super V, ? super GV, ? extends VR> joiner);

  /**
   * Stream-global-table left join: as {@link #join(GlobalKTable, KeyValueMapper, ValueJoiner)},
   * but a record the table has nothing for is joined with {@code null}.
   *
   * @param table the global table
   * @param keySelector the table key of a record (null: no match)
   * @param joiner combines the record's value and the table's value or null
   * @param <GK> the table's key type
   * @param <GV> the table's value type
   * @param <VR> the result type
   * @return the joined stream
   * @throws IllegalArgumentException if the table is of another graph
   */
  <GK, GV, VR> KStream<K, VR> leftJoin(GlobalKTable<GK, GV> table,
      KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
      ValueJoiner<? super V, ? super GV, ? extends VR> joiner);
}
