package io.strand.streams.internal.runtime;

import io.strand.metrics.Counter;
import io.strand.serializers.Serde;
import io.strand.storage.kv.KeyValueStore;
import io.strand.streams.internal.graph.Change;
import io.strand.streams.internal.graph.TableStoreNode;

/**
 * Materializes a table: each record upserts its key in the store (a null value deletes it) and
 * goes on as a {@link Change} of new and old value. A record with a null key is skipped and
 * counted ({@code <operator>.skipped-null-keys}), as Kafka Streams drops them; a delete of an
 * absent key changes nothing and emits nothing.
 */
final class TableStoreOp extends Op {

  final TableStoreNode node;
  KeyValueStore<byte[], byte[]> store;
  private Serde<Object> keySerde;
  private Serde<Object> valueSerde;
  private Counter skipped;

  TableStoreOp(TableStoreNode node) {
    super(node.name());
    this.node = node;
  }

  @Override
  void init(TaskEnv env) {
    super.init(env);
    store = env.context.getStore(node.store());
    keySerde = env.keySerde(node.keySerde(), name);
    valueSerde = env.valueSerde(node.valueSerde(), name);
    skipped = env.context.getTaskMetricsRegistry().newCounter("streams", name + ".skipped-null-keys");
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    if (key == null) {
      skipped.inc();
      return;
    }
    byte[] keyBytes = keySerde.toBytes(key);
    byte[] oldBytes = store.get(keyBytes);
    if (value == null) {
      if (oldBytes == null) {
        return;
      }
      store.delete(keyBytes);
    } else {
      store.put(keyBytes, valueSerde.toBytes(value));
    }
    if (!next.isEmpty()) {
      forward(key, new Change(value, oldBytes == null ? null : valueSerde.fromBytes(oldBytes)), timestamp);
    }
  }
}
