package io.strand.streams;

/**
 * A table every task holds in full, as Kafka Streams' {@code GlobalKTable}: made by
 * {@link StreamGraph#globalTable}, it is read only by joins ({@link KStream#join(GlobalKTable,
 * KeyValueMapper, ValueJoiner)}, {@link KStream#leftJoin(GlobalKTable, KeyValueMapper, ValueJoiner)}),
 * which look a stream record up by any key computed from it, so the stream need not be
 * co-partitioned with the table.
 *
 * <p>How it is read: its topic is a broadcast input of every task ({@code task.broadcast.inputs},
 * every partition) and a bootstrap input ({@code samza.bootstrap=true}), read from its oldest offset
 * at every start ({@code samza.reset.offset=true}) into a store without changelog; a task processes
 * no other input until it has read the table to the end it had at start, as Kafka Streams restores
 * global stores before processing. Later updates apply in the order the task receives them
 * between the records of its other inputs. Null values delete (tombstones).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface GlobalKTable<K, V> {

  /**
   * The name of the store that holds the table in each task.
   *
   * @return the store name
   */
  String storeName();
}
