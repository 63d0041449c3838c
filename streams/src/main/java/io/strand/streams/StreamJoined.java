package io.strand.streams;

import io.strand.serializers.Serde;

/**
 * How a windowed stream-stream join keeps its buffers, as Kafka Streams' {@code StreamJoined}: the
 * operator name (null: generated {@code join-<position>}, which shifts when operators are added
 * before it, so name the joins of a job that will evolve), the store name (null: the operator
 * name), and the serdes of the key and of each side's values in the buffers (null: the system's
 * {@code samza.key.serde} / {@code samza.msg.serde}).
 *
 * <p>The two buffers are changelogged RocksDB stores {@code <store>-this-join-store} and
 * {@code <store>-other-join-store} (changelogs {@code <job.name>-<job.id>-<store>-this-join-store-changelog}
 * and the other's). A join whose input's key changed since its source repartitions it first, as
 * Kafka Streams does, through {@code <name>-left-repartition} / {@code <name>-right-repartition};
 * that needs a name.
 *
 * @param name the operator name, or null
 * @param storeName the stores' base name, or null for the operator name
 * @param keySerde the keys' serde, or null
 * @param valueSerde this stream's values' serde, or null
 * @param otherValueSerde the other stream's values' serde, or null
 * @param <K> the key type
 * @param <V> this stream's value type
 * @param <VO> the other stream's value type
 */
public record StreamJoined<K, V, VO>(String name, String storeName, Serde<K> keySerde, Serde<V> valueSerde,
    Serde<VO> otherValueSerde) {

  /**
   * A join with these serdes and generated names.
   *
   * @param keySerde the keys' serde
   * @param valueSerde this stream's values' serde
   * @param otherValueSerde the other stream's values' serde
   * @param <K> the key type
   * @param <V> this stream's value type
   * @param <VO> the other stream's value type
   * @return the settings
   */
  public static <K, V, VO> StreamJoined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde,
      Serde<VO> otherValueSerde) {
    return new StreamJoined<>(null, null, keySerde, valueSerde, otherValueSerde);
  }

  /**
   * A join whose stores have this base name, system serdes.
   *
   * @param storeName the stores' base name
   * @param <K> the key type
   * @param <V> this stream's value type
   * @param <VO> the other stream's value type
   * @return the settings
   */
  public static <K, V, VO> StreamJoined<K, V, VO> as(String storeName) {
    return new StreamJoined<>(null, storeName, null, null, null);
  }

  /**
   * These settings with an operator name.
   *
   * @param name the operator name
   * @return the settings
   */
  public StreamJoined<K, V, VO> withName(String name) {
    return new StreamJoined<>(name, storeName, keySerde, valueSerde, otherValueSerde);
  }

  /**
   * These settings with a store base name.
   *
   * @param storeName the stores' base name
   * @return the settings
   */
  public StreamJoined<K, V, VO> withStoreName(String storeName) {
    return new StreamJoined<>(name, storeName, keySerde, valueSerde, otherValueSerde);
  }

  /**
   * These settings with serdes.
   *
   * @param keySerde the keys' serde
   * @param valueSerde this stream's values' serde
   * @param otherValueSerde the other stream's values' serde
   * @return the settings
   */
  public StreamJoined<K, V, VO> withSerdes(Serde<K> keySerde, Serde<V> valueSerde, Serde<VO> otherValueSerde) {
    return new StreamJoined<>(name, storeName, keySerde, valueSerde, otherValueSerde);
  }
}
