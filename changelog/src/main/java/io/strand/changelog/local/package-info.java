/**
 * Local state reuse: RocksDB snapshots per commit, the {@code OFFSET} file naming the changelog
 * offset each holds, and the decision at restore to reuse one or wipe.
 */
package io.strand.changelog.local;
