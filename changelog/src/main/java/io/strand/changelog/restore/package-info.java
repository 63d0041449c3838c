/**
 * Restore of a store from its changelog up to the checkpointed offset, in bulk and in parallel
 * with progress, and trimming of the writes after that offset (transactional state).
 */
package io.strand.changelog.restore;
