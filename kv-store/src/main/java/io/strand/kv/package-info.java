/**
 * Store assembly: the store factories named in {@code stores.<s>.factory}
 * ({@link io.strand.kv.RocksDbStoreFactory}, {@link io.strand.kv.InMemoryStoreFactory}), what
 * they take ({@link io.strand.kv.StoreContext}: the store's resolved
 * {@link io.strand.kv.StoreSettings} and the container's {@link io.strand.kv.StoreEnvironment})
 * and what they give ({@link io.strand.kv.StoreHandle}: the task's object store over the byte
 * stack). The top of the module: it stacks the layers of {@code io.strand.kv.layers} over an
 * engine of {@code io.strand.kv.rocksdb} or {@code io.strand.kv.inmemory}, all of which build on
 * the byte-level contract in {@code io.strand.kv.engine}. This module does not talk to Kafka;
 * the changelog module inserts its logging layer through
 * {@link io.strand.kv.StoreContext#loggingLayer()}.
 */
package io.strand.kv;
