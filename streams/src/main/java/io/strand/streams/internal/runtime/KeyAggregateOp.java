package io.strand.streams.internal.runtime;

import io.strand.streams.internal.graph.AggregateNode;

/**
 * count / reduce / aggregate per key: each update is stored and forwarded. The aggregate is stored
 * as the object the aggregator returned ({@link #putAggregate}, held by the store's object cache
 * and serialized only when the cache writes it down: a full write batch, an eviction, the
 * commit's flush), so a key updated again while cached neither deserializes its aggregate nor
 * serializes every update; the changelog and the engine get the aggregate's bytes as of each
 * write-down, the last update's, as they did when every update was serialized.
 *
 * <p>Readers other than this operator see bytes: queryable state reads the engine below the
 * cache, and no table {@link Lookup} reads an aggregation store ({@code aggregate} returns a
 * stream; {@code toTable} materializes its own store of bytes).
 */
final class KeyAggregateOp extends AggregateOp {

  KeyAggregateOp(AggregateNode node) {
    super(node);
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    byte[] storeKey = Bytes.keyed((byte) 'd', keyBytes(key), 0);
    Object aggregate = getAggregate(storeKey);
    if (aggregate == null) {
      aggregate = node.init().apply();
    }
    Object updated = node.add().apply(key, value, aggregate);
    putAggregate(storeKey, updated);
    forward(key, updated, timestamp);
  }
}
