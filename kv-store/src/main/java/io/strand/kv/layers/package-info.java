/**
 * The layers over an engine, top to bottom: {@link io.strand.kv.layers.NullSafeStore},
 * {@link io.strand.kv.layers.CachedStore} (object cache, batched writes, with its parts: slot table,
 * dirty and logged entries, range merges, coverage),
 * {@link io.strand.kv.layers.SerializedStore}, then (from the changelog module) the logging layer,
 * then {@link io.strand.kv.layers.MeteredBytesStore} directly on the engine.
 */
package io.strand.kv.layers;
