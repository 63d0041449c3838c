package io.strand.streams.internal.runtime;

import io.strand.serializers.Serde;

/**
 * An aggregate put into its operator's store as the object itself, serialized with the
 * operator's value serde only when the store writes it down ({@link AggregateValueSerde}); a
 * read that finds one in the object cache takes the object back without deserializing.
 *
 * <p>The aggregate is held by reference: the operator puts a new holder on every update and
 * never changes one it put, so the bytes written down are those of the last update.
 *
 * @param aggregate the aggregate object, not null
 * @param serde the operator's value serde
 */
record DeferredAggregate(Object aggregate, Serde<Object> serde) {

  /** @return the aggregate's bytes, as the operator's value serde writes them */
  byte[] bytes() {
    return serde.toBytes(aggregate);
  }
}
