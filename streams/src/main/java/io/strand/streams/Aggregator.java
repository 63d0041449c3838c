package io.strand.streams;

/**
 * Adds a record to an aggregate, for {@code aggregate}.
 *
 * <p>The aggregate passed in may be the very object this aggregator returned for the same key
 * or window before (per-key aggregations and tumbling and hopping windows with final results keep
 * it unserialized in their store's object cache until the cache writes it down, as Flink's heap
 * state does), or a copy read from the store: return the new aggregate, whether a new object or the one passed in
 * changed in place, and do not change an aggregate after returning it.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <A> the aggregate type
 */
@FunctionalInterface
public interface Aggregator<K, V, A> {

  /**
   * Adds a record.
   *
   * @param key the key
   * @param value the value
   * @param aggregate the aggregate so far
   * @return the new aggregate
   */
  A apply(K key, V value, A aggregate);
}
