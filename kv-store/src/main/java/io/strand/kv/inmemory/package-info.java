/**
 * The in-memory engine, {@link io.strand.kv.inmemory.InMemoryStore}: a sorted heap map with the
 * RocksDB engine's semantics, made by {@code io.strand.kv.InMemoryStoreFactory}.
 */
package io.strand.kv.inmemory;
