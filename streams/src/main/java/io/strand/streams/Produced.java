package io.strand.streams;

import io.strand.serializers.Serde;

/**
 * How {@link KStream#to} writes, as Kafka Streams' {@code Produced}: the serdes (null: the
 * system's {@code samza.key.serde} / {@code samza.msg.serde}).
 *
 * @param keySerde the keys' serde, or null
 * @param valueSerde the values' serde, or null
 * @param <K> the key type
 * @param <V> the value type
 */
public record Produced<K, V>(Serde<K> keySerde, Serde<V> valueSerde) {

  /**
   * With these serdes.
   *
   * @param keySerde the keys' serde
   * @param valueSerde the values' serde
   * @param <K> the key type
   * @param <V> the value type
   * @return the settings
   */
  public static <K, V> Produced<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
    return new Produced<>(keySerde, valueSerde);
  }
}
