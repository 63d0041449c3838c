package io.strand.streams.internal.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;

/**
 * The most recently written aggregates of one per-key aggregation, as objects, by store key: an
 * update whose key is here skips deserializing the aggregate it just wrote (the store keeps the
 * bytes, for the changelog, restores and queries). Least recently used entries go first.
 *
 * <p>Correct because the operator is its store's only writer while it runs and puts every
 * aggregate it caches; the cached object is the one the aggregator returned and the operator
 * forwarded, so, as in the aggregator's contract, it must not be mutated after it was returned
 * (an aggregator may still update the aggregate it is given in place and return it).
 *
 * <p>Threading: the task's thread only.
 */
final class RecentAggregates {

  /** Aggregates kept per operator and task. */
  static final int CAPACITY = 2_048;

  private final Map<Bytes, Object> recent = new LinkedHashMap<>(CAPACITY * 4 / 3 + 1, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Bytes, Object> eldest) {
      return size() > CAPACITY;
    }
  };

  /**
   * The aggregate last written under a key, if still kept.
   *
   * @param storeKey the key
   * @return the aggregate, or null when not kept
   */
  Object get(Bytes storeKey) {
    return recent.get(storeKey);
  }

  /**
   * Notes the aggregate just written under a key.
   *
   * @param storeKey the key
   * @param aggregate the aggregate; null (a deletion) forgets the key
   */
  void put(Bytes storeKey, Object aggregate) {
    if (aggregate == null) {
      recent.remove(storeKey);
    } else {
      recent.put(storeKey, aggregate);
    }
  }
}
