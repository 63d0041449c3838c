/**
 * Serialization of keys, messages and store entries: the {@link io.strand.serde.Serde} and
 * {@link io.strand.serde.SerdeFactory} interfaces, as Samza's, and the built-in serdes (string,
 * integer, long, double, bytes, JSON through Jackson, Avro binary), found by name with
 * {@link io.strand.serde.Serdes#fromConfig}.
 */
package io.strand.serde;
