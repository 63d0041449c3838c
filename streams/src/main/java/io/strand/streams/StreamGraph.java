package io.strand.streams;

import io.strand.config.Config;
import io.strand.serializers.Serde;

/**
 * What a {@link StreamApplication} builds its job on: the inputs, read as {@link KStream}s, and the
 * stores its {@code process} operators use. Kafka Streams' {@code StreamsBuilder}, Samza's
 * {@code StreamApplicationDescriptor}.
 *
 * <p>Every stream is on the job's default system ({@code job.default.system}, else {@code kafka}).
 * The graph's inputs become {@code task.inputs}; one task runs per partition group, as
 * {@code GroupByPartition} makes them (partition <i>n</i> of every input is task
 * {@code Partition n}).
 *
 * <p>Threading: used by the thread that runs {@code describe}.
 */
public interface StreamGraph {

  /**
   * An input stream, with its system's serdes ({@code systems.<s>.samza.key.serde} /
   * {@code .msg.serde}, or the stream's own keys) and the Kafka record timestamp as event time.
   *
   * @param topic the input topic
   * @param <K> the key type its serde makes
   * @param <V> the value type its serde makes
   * @return the stream
   * @throws IllegalArgumentException if the topic is already an input of this graph
   */
  <K, V> KStream<K, V> stream(String topic);

  /**
   * An input stream read as {@code consumed} says (serdes, timestamp extractor, out-of-orderness,
   * idle timeout).
   *
   * @param topic the input topic
   * @param consumed how to read it
   * @param <K> the key type
   * @param <V> the value type
   * @return the stream
   * @throws IllegalArgumentException if the topic is already an input of this graph
   */
  <K, V> KStream<K, V> stream(String topic, Consumed<K, V> consumed);

  /**
   * A table read from a (compacted) topic with the system's serdes, as Kafka Streams'
   * {@code StreamsBuilder#table}. See {@link #table(String, Consumed)}.
   *
   * @param topic the table's topic
   * @param <K> the key type
   * @param <V> the value type
   * @return the table
   * @throws IllegalArgumentException if the topic is already an input of this graph
   */
  <K, V> KTable<K, V> table(String topic);

  /**
   * A table read from a (compacted) topic: each record upserts its key, a null value deletes it,
   * a null key is skipped. Its partition <i>n</i> is in task {@code Partition n}, with partition
   * <i>n</i> of the job's other inputs, so streams and tables joined with it must have as many
   * partitions (checked at job start).
   *
   * <p>State: a RocksDB store per task whose changelog is the topic itself, with no second copy
   * (Kafka Streams' source-topic reuse). At every start the task restores it by reading its
   * partition from the oldest offset up to the offset its input resumes at (the checkpointed
   * offset + 1), so after a crash the table is exactly as it was at the last commit, and records
   * after that are processed again in order. Without a checkpoint the topic is read from its oldest
   * offset ({@code samza.offset.default=oldest}, unless the job sets it). The restore reads the
   * whole partition at every start (no local snapshot is reused): the cost of not keeping a copy.
   *
   * <p>Compaction: as with Kafka Streams' source-topic reuse, the log cleaner may remove a key's
   * older record once a newer one exists, also when the newer one lies after the checkpoint; a
   * restore then lacks that key until the newer record is processed again. Keep the topic's
   * {@code min.compaction.lag.ms} above the longest time a job may be behind (or stopped) for
   * exact state in that window.
   *
   * @param topic the table's topic
   * @param consumed serdes and event time of its records
   * @param <K> the key type
   * @param <V> the value type
   * @return the table
   * @throws IllegalArgumentException if the topic is already an input of this graph
   */
  <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed);

  /**
   * A table every task holds in full, with the system's serdes. See {@link GlobalKTable}.
   *
   * @param topic the table's topic
   * @param <K> the key type
   * @param <V> the value type
   * @return the table
   * @throws IllegalArgumentException if the topic is already an input of this graph
   */
  <K, V> GlobalKTable<K, V> globalTable(String topic);

  /**
   * A table every task holds in full (see {@link GlobalKTable}), read with these serdes.
   *
   * @param topic the table's topic
   * @param consumed its serdes (its event time is not used)
   * @param <K> the key type
   * @param <V> the value type
   * @return the table
   * @throws IllegalArgumentException if the topic is already an input of this graph
   */
  <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed);

  /**
   * Declares a changelogged RocksDB store for {@link KStream#process} operators: {@code stores.<name>.*}
   * keys are added, the changelog named {@code <job.name>-<job.id>-<name>-changelog}, as Kafka
   * Streams' {@code addStateStore}.
   *
   * @param name the store name, also what {@link ProcessorContext#getStore} takes
   * @param keySerde the keys' serde
   * @param valueSerde the values' serde
   * @throws IllegalArgumentException if the name is taken by another store or operator
   */
  void addStateStore(String name, Serde<?> keySerde, Serde<?> valueSerde);

  /**
   * The job's configuration as loaded (before the graph's keys are added).
   *
   * @return the configuration
   */
  Config config();
}
