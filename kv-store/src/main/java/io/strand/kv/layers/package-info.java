/**
 * The layers over an engine, top to bottom: {@link io.strand.kv.layers.NullSafeStore},
 * {@link io.strand.kv.layers.CachedStore} (object cache, batched writes, with its parts: slot table,
 * dirty entries and their index by key, logged entries, coverage),
 * {@link io.strand.kv.layers.SerializedStore}, then (from the changelog module) the logging layer,
 * then {@link io.strand.kv.layers.MeteredBytesStore} directly on the engine.
 */
package io.strand.kv.layers;
