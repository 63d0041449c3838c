/**
 * Strand's local stores: the byte-level engine contract ({@link io.strand.kv.BytesStore}), the
 * store factories named in {@code stores.<s>.factory} ({@link io.strand.kv.RocksDbStoreFactory},
 * {@link io.strand.kv.InMemoryStoreFactory}), and what they take and give
 * ({@link io.strand.kv.StoreContext}, {@link io.strand.kv.StoreHandle}). Engines live in
 * {@code io.strand.kv.rocksdb} and {@code io.strand.kv.inmemory}; the layers above them in
 * {@code io.strand.kv.layers}. This module does not talk to Kafka; the changelog module inserts
 * its logging layer through {@link io.strand.kv.StoreContext#loggingLayer()}.
 */
package io.strand.kv;
