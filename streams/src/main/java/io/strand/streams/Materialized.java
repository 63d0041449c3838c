package io.strand.streams;

import io.strand.serializers.Serde;

/**
 * Where an aggregation keeps its state, as Kafka Streams' {@code Materialized}: the operator
 * and store name (null: generated from the operator's position, which changes when operators
 * are added before it, so name the stores of a job that will evolve) and the serdes of keys and
 * aggregates (null: the grouping's key serde or the system's; {@code count} uses a long serde).
 * The store is a changelogged RocksDB store, {@code stores.<name>.*}, changelog
 * {@code <job.name>-<job.id>-<name>-changelog}.
 *
 * @param name the store (and operator) name, or null
 * @param keySerde the keys' serde, or null
 * @param valueSerde the aggregates' serde, or null
 * @param <K> the key type
 * @param <V> the aggregate type
 */
public record Materialized<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  /**
   * A named store, default serdes.
   *
   * @param name the store name
   * @param <K> the key type
   * @param <V> the aggregate type
   * @return the settings
   */
  public static <K, V> Materialized<K, V> as(String name) {
    return new Materialized<>(name, null, null);
  }

  /**
   * A store with these serdes and a generated name.
   *
   * @param keySerde the keys' serde
   * @param valueSerde the aggregates' serde
   * @param <K> the key type
   * @param <V> the aggregate type
   * @return the settings
   */
  public static <K, V> Materialized<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
    return new Materialized<>(null, keySerde, valueSerde);
  }

  /**
   * These settings with serdes.
   *
   * @param keySerde the keys' serde
   * @param valueSerde the aggregates' serde
   * @return the settings
   */
  public Materialized<K, V> withSerdes(Serde<K> keySerde, Serde<V> valueSerde) {
    return new Materialized<>(name, keySerde, valueSerde);
  }
}
