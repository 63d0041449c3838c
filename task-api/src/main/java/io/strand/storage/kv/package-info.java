/**
 * The key-value store interface tasks use for local state, as Samza's
 * {@code org.apache.samza.storage.kv}. Engines (RocksDB, in-memory) and the serialization,
 * caching and changelog layers live in other modules and implement these interfaces.
 */
package io.strand.storage.kv;
