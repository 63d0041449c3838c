package io.strand.changelog.restore;

import io.strand.container.TaskName;
import java.util.OptionalLong;

/**
 * What restoring one store instance did, for the container's log and for tests.
 *
 * <p>Threading: an immutable value.
 *
 * @param store the store name
 * @param task the owning task
 * @param changelog {@code topic-partition} of the changelog, or null for a store without one
 * @param checkpointedOffset the checkpointed changelog offset restored up to, or empty when the
 *     task had none (nothing restored, everything trimmed)
 * @param snapshotOffset the offset of the local snapshot the store was opened from, or empty for
 *     a full restore
 * @param restoredRecords changelog records written to the engine, in records
 * @param trimmedKeys keys written back to their checkpointed value, in records
 * @param elapsedMs wall time of the whole instance restore (open, replay, trim), in ms
 * @param wipeReason why local state was wiped, or null if it was reused or there was none
 */
public record RestoreResult(String store, TaskName task, String changelog, OptionalLong checkpointedOffset,
    OptionalLong snapshotOffset, long restoredRecords, long trimmedKeys, long elapsedMs, String wipeReason) {

  /**
   * Whether the store was opened from a local snapshot and only the gap after it replayed.
   *
   * @return true when a snapshot was reused
   */
  public boolean reusedLocalState() {
    return snapshotOffset.isPresent();
  }
}
