package io.strand.streams;

import io.strand.serializers.Serde;

/**
 * How {@link KStream#groupBy} / {@link KStream#groupByKey} groups, as Kafka Streams' {@code Grouped}:
 * the name of the repartition a changed key needs (null: generated) and the serdes of keys and
 * values through it (null: the system's).
 *
 * @param name the operator name, or null
 * @param keySerde the keys' serde, or null
 * @param valueSerde the values' serde, or null
 * @param <K> the key type
 * @param <V> the value type
 */
public record Grouped<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  /**
   * Named grouping, system serdes.
   *
   * @param name the operator name
   * @param <K> the key type
   * @param <V> the value type
   * @return the settings
   */
  public static <K, V> Grouped<K, V> as(String name) {
    return new Grouped<>(name, null, null);
  }

  /**
   * Grouping with these serdes.
   *
   * @param keySerde the keys' serde
   * @param valueSerde the values' serde
   * @param <K> the key type
   * @param <V> the value type
   * @return the settings
   */
  public static <K, V> Grouped<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
    return new Grouped<>(null, keySerde, valueSerde);
  }

  /**
   * These settings with a name.
   *
   * @param name the operator name
   * @return the settings
   */
  public Grouped<K, V> withName(String name) {
    return new Grouped<>(name, keySerde, valueSerde);
  }
}
