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
