package io.strand.streams.internal.runtime;

import io.strand.streams.internal.graph.AggregateNode;

/**
 * count / reduce / aggregate per key: each update is stored and forwarded. The recently written
 * aggregates are also kept as objects ({@link RecentAggregates}), so a key updated again soon
 * reads its aggregate without deserializing it.
 */
final class KeyAggregateOp extends AggregateOp {

  private final RecentAggregates recent = new RecentAggregates();

  KeyAggregateOp(AggregateNode node) {
    super(node);
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    byte[] storeKey = Bytes.keyed((byte) 'd', keyBytes(key), 0);
    org.apache.kafka.common.utils.Bytes cacheKey = org.apache.kafka.common.utils.Bytes.wrap(storeKey);
    Object aggregate = recent.get(cacheKey);
    if (aggregate == null) {
      byte[] stored = store.get(storeKey);
      aggregate = stored == null ? node.init().apply() : aggregate(stored);
    }
    Object updated = node.add().apply(key, value, aggregate);
    store.put(storeKey, aggregateBytes(updated));
    recent.put(cacheKey, updated);
    forward(key, updated, timestamp);
  }
}
