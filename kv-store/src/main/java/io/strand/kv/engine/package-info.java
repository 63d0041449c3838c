/**
 * The byte-level store contract every engine implements and every layer passes on: the
 * {@link io.strand.kv.engine.BytesStore} interface, {@link io.strand.kv.engine.ForwardingBytesStore}
 * (the base of a layer), the failures an engine reports ({@link io.strand.kv.engine.StoreException},
 * {@link io.strand.kv.engine.StoreCorruptedException}) and the small helpers engines share
 * ({@link io.strand.kv.engine.StoreArguments}, {@link io.strand.kv.engine.Iterators},
 * {@link io.strand.kv.engine.FileErrors} for the OS reason of a file error). The lowest
 * package of the module: it depends on the author API ({@code io.strand.storage.kv}) only, and the
 * engines ({@code .rocksdb}, {@code .inmemory}), the layers ({@code .layers}) and the store
 * assembly ({@code io.strand.kv}) depend on it.
 */
package io.strand.kv.engine;
