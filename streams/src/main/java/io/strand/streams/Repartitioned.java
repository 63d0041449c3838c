package io.strand.streams;

import io.strand.serializers.Serde;

/**
 * How {@link KStream#repartition} writes its intermediate topic, as Kafka Streams'
 * {@code Repartitioned}: the operator name (null: generated), which names the topic
 * {@code <job.name>-<job.id>-<name>}, and the serdes (null: the system's).
 *
 * @param name the operator name, or null
 * @param keySerde the keys' serde, or null
 * @param valueSerde the values' serde, or null
 * @param <K> the key type
 * @param <V> the value type
 */
public record Repartitioned<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  /**
   * A named repartition, system serdes.
   *
   * @param name the operator name
   * @param <K> the key type
   * @param <V> the value type
   * @return the settings
   */
  public static <K, V> Repartitioned<K, V> as(String name) {
    return new Repartitioned<>(name, null, null);
  }

  /**
   * A repartition with these serdes.
   *
   * @param keySerde the keys' serde
   * @param valueSerde the values' serde
   * @param <K> the key type
   * @param <V> the value type
   * @return the settings
   */
  public static <K, V> Repartitioned<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
    return new Repartitioned<>(null, keySerde, valueSerde);
  }

  /**
   * These settings with a name.
   *
   * @param name the operator name
   * @return the settings
   */
  public Repartitioned<K, V> withName(String name) {
    return new Repartitioned<>(name, keySerde, valueSerde);
  }
}
