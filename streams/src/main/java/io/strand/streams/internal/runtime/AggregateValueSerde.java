package io.strand.streams.internal.runtime;

import io.strand.serializers.Serde;

/**
 * The value serde of the aggregation stores ({@code stores.<operator>.msg.serde}): bytes pass
 * through as they are, and an aggregate an operator put as a {@link DeferredAggregate} is
 * serialized here, when the store's object cache writes it down (a full write batch, an eviction,
 * the commit's flush) rather than on every update. Reads give the stored bytes.
 *
 * <p>So an aggregate (a window's, a key's) stays the object the aggregator returned while it is
 * cached, as in Flink's heap state, and the changelog and the engine get its bytes once per write-down instead
 * of once per record; what they get is what the operator's own value serde makes of it, the same
 * bytes as before, so a restored store reads as one written record by record.
 *
 * <p>Threading: stateless, thread-safe.
 */
public final class AggregateValueSerde implements Serde<Object> {

  /** Creates the serde. */
  public AggregateValueSerde() {}

  /**
   * @param value {@code byte[]} (passed through), a {@link DeferredAggregate} (serialized now), or null
   * @return the bytes to store, null to delete
   * @throws IllegalArgumentException for any other type
   */
  @Override
  public byte[] toBytes(Object value) {
    if (value == null || value instanceof byte[]) {
      return (byte[]) value;
    }
    if (value instanceof DeferredAggregate deferred) {
      return deferred.bytes();
    }
    throw new IllegalArgumentException("an aggregation store holds bytes or deferred aggregates, not "
        + value.getClass().getName());
  }

  @Override
  public Object fromBytes(byte[] bytes) {
    return bytes;
  }
}
