/**
 * The RocksDB engine: {@link io.strand.kv.rocksdb.RocksDbStore} (one database per store per task),
 * its settings ({@link io.strand.kv.rocksdb.RocksDbSettings}, {@code stores.<s>.rocksdb.*}) and
 * the container-wide memory bound ({@link io.strand.kv.rocksdb.RocksDbContainerResources},
 * {@code strand.container.rocksdb.memory.bytes}).
 */
package io.strand.kv.rocksdb;
