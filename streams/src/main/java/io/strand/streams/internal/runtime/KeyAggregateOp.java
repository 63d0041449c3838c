package io.strand.streams.internal.runtime;

import io.strand.streams.internal.graph.AggregateNode;

/** count / reduce / aggregate per key: each update is stored and forwarded. */
final class KeyAggregateOp extends AggregateOp {

  KeyAggregateOp(AggregateNode node) {
    super(node);
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    byte[] storeKey = Bytes.keyed((byte) 'd', keyBytes(key), 0);
    byte[] stored = store.get(storeKey);
    Object aggregate = stored == null ? node.init().apply() : aggregate(stored);
    Object updated = node.add().apply(key, value, aggregate);
    store.put(storeKey, aggregateBytes(updated));
    forward(key, updated, timestamp);
  }
}
