/**
 * Queryable state: read-only views of a running job's stores, for code in the same JVM as the
 * containers (a service embedding the job, a test). Interfaces and values only; the container
 * module implements them ({@code io.strand.container.query.QueryableState} hands them out) and
 * serves the same reads over HTTP on each container.
 *
 * <p>What a reader sees, for every view: the store's engine (RocksDB or in-memory), never the task's
 * object cache. Every value as of the task's last commit is visible (a commit writes the cache
 * down before its checkpoint), and possibly newer ones (the cache writes down whenever
 * {@code stores.<s>.write.batch.size} entries are dirty): <em>committed-or-newer</em>. A newer
 * value may still be undone if the container fails before its next commit (the restart restores
 * the store to the checkpoint), and a reader is not guaranteed to see a write the task just made
 * (no read-your-writes across threads). A {@code get} reads the latest written-down value; a
 * {@code range}, {@code all} or window fetch of one task reads a consistent point-in-time snapshot
 * taken when it starts (RocksDB's iterator snapshot; the in-memory engine's iteration is weakly
 * consistent).
 */
package io.strand.storage.query;
