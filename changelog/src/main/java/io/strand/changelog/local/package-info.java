/**
 * Local state reuse: where a store instance's files live ({@link
 * io.strand.changelog.local.StoreDirLayout}, {@code <base dir>/<job.name>-<job.id>/<store>/<task>/},
 * and the move of directories left in the older layout without the job part), RocksDB snapshots
 * per commit, the {@code OFFSET} file naming the changelog offset each holds, and the decision at
 * restore to reuse one or wipe.
 */
package io.strand.changelog.local;
