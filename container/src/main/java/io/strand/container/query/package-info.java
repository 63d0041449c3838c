/**
 * Queryable state, inside the container: the JVM's registry of running containers' stores
 * ({@link io.strand.container.query.LocalStores}), the typed read-only views of task-api's
 * {@code io.strand.storage.query} ({@link io.strand.container.query.QueryableState} hands them
 * out), how a store's keys are laid out ({@link io.strand.storage.query.StoreLayout}), the
 * locator that maps a key to its partition, task, container and query endpoint from the job model
 * ({@link io.strand.container.query.StoreLocator}), the settings {@code strand.query.http.*} and
 * their validation. The HTTP server and client are in {@code io.strand.container.query.http}.
 */
package io.strand.container.query;
