package io.strand.streams.internal.runtime;

import io.strand.metrics.Counter;
import io.strand.serializers.Serde;
import io.strand.storage.kv.KeyValueStore;
import io.strand.streams.internal.graph.AggregateNode;
import java.nio.charset.StandardCharsets;

/**
 * What every aggregation shares: its byte store ({@code stores.<operator>}, changelogged), the key
 * and aggregate serdes, the signature check that stops a changed graph from reading state it did
 * not write, and the late-record counter and side output.
 */
@SuppressWarnings("unchecked")
abstract class AggregateOp extends Op {

  private static final byte[] SIGNATURE_KEY = {'m'};

  final AggregateNode node;
  KeyValueStore<byte[], byte[]> store;
  Serde<Object> keySerde;
  Serde<Object> valueSerde;
  Op late;
  /**
   * No window closes before this watermark, so a watermark below it skips the close-index scan (a
   * scan also writes the store's cached writes down, which would undo the cache's batching).
   * Unknown after a restart: the first watermark scans.
   */
  long nextCloseAt = Long.MIN_VALUE;
  private Counter lateRecords;

  AggregateOp(AggregateNode node) {
    super(node.name());
    this.node = node;
  }

  @Override
  void init(TaskEnv env) {
    super.init(env);
    store = env.context.getStore(node.store());
    keySerde = env.keySerde(node.keySerde(), name);
    valueSerde = env.valueSerde(node.valueSerde(), name);
    String signature = node.signature(keySerde.getClass().getName(), valueSerde.getClass().getName());
    byte[] stored = store.get(SIGNATURE_KEY);
    if (stored == null) {
      store.put(SIGNATURE_KEY, signature.getBytes(StandardCharsets.UTF_8));
    } else if (!signature.equals(new String(stored, StandardCharsets.UTF_8))) {
      throw new IllegalStateException("operator '" + name + "' (store '" + node.store() + "') holds state written as ["
          + new String(stored, StandardCharsets.UTF_8) + "] but the graph now describes [" + signature + "]; the graph"
          + " changed incompatibly: name the operator anew (Materialized.as) to start fresh state, or run under a new"
          + " job.id");
    }
    lateRecords = env.context.getTaskMetricsRegistry().newCounter("streams", name + ".late-records");
  }

  /** A window that closes at {@code closeAtMs} was opened. */
  void closing(long closeAtMs) {
    nextCloseAt = Math.min(nextCloseAt, closeAtMs);
  }

  /** A record too late for every window: counted and sent to the side output, never silently dropped. */
  void late(Object key, Object value, long timestamp) {
    lateRecords.inc();
    if (late != null) {
      late.process(key, value, timestamp);
    }
  }

  byte[] keyBytes(Object key) {
    if (key == null) {
      throw new IllegalStateException("operator '" + name + "' cannot aggregate a record with a null key"
          + " (as Kafka Streams, null keys are not grouped); filter them out before grouping");
    }
    return keySerde.toBytes(key);
  }

  Object aggregate(byte[] bytes) {
    return bytes == null ? null : valueSerde.fromBytes(bytes);
  }

  /**
   * Reads an aggregate an operator keeps with {@link #putAggregate}: the cached object if the store
   * still holds it so, else its stored bytes deserialized.
   *
   * @param storeKey the aggregate's key in the store
   * @return the aggregate, or null if the store has none
   */
  Object getAggregate(byte[] storeKey) {
    Object stored = ((KeyValueStore<byte[], Object>) (KeyValueStore<?, ?>) store).get(storeKey);
    return stored instanceof DeferredAggregate deferred ? deferred.aggregate() : aggregate((byte[]) stored);
  }

  /**
   * Stores an aggregate without serializing it: the store's object cache holds the object and
   * serializes it when it writes it down ({@link AggregateValueSerde}). An operator that keeps its
   * aggregates so reads them with {@link #getAggregate} only.
   *
   * @param storeKey the aggregate's key in the store
   * @param aggregate the aggregate; null deletes, as an aggregate whose bytes are null did
   */
  void putAggregate(byte[] storeKey, Object aggregate) {
    ((KeyValueStore<byte[], Object>) (KeyValueStore<?, ?>) store).put(storeKey,
        aggregate == null ? null : new DeferredAggregate(aggregate, valueSerde));
  }

  byte[] aggregateBytes(Object aggregate) {
    return aggregate == null ? null : valueSerde.toBytes(aggregate);
  }
}
