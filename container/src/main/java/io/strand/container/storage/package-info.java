/**
 * The container's side of local state: {@link io.strand.container.storage.ContainerStorageAdapter}
 * assembles the changelog module's {@code ContainerStorage} (settings resolved once from the job
 * config, changelog clients over the container's own producers and Kafka systems) and takes part
 * in the container's start, commits and shutdown; {@link io.strand.container.storage.StorePersistHook}
 * is the extension point between a commit's store persist and its checkpoint, which only
 * fault-injection tests implement. The stores themselves are the changelog module's
 * ({@code io.strand.changelog}) over the engines of {@code io.strand.kv}; the author's view of a
 * store is {@code io.strand.storage.kv.KeyValueStore}.
 */
package io.strand.container.storage;
