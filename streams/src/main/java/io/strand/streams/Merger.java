package io.strand.streams;

/**
 * Merges the aggregates of two sessions a record joins, for session windows' {@code aggregate}.
 *
 * @param <K> the key type
 * @param <A> the aggregate type
 */
@FunctionalInterface
public interface Merger<K, A> {

  /**
   * Merges.
   *
   * @param key the key
   * @param left the earlier session's aggregate
   * @param right the later session's aggregate
   * @return the merged aggregate
   */
  A apply(K key, A left, A right);
}
