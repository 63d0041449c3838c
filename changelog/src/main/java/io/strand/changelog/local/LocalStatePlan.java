package io.strand.changelog.local;

import java.util.Optional;

/**
 * What to do with a store instance's local state before restoring it: open it from a snapshot
 * and replay only the changelog after the snapshot's offset, or wipe it and replay from the log
 * start.
 *
 * <p>Threading: an immutable value.
 *
 * @param reuse the snapshot to open the store from, or empty to wipe
 * @param reason why the local state is wiped, for the one warning line; null when there is nothing
 *     to warn about (no local state at all, or a snapshot is reused)
 */
public record LocalStatePlan(Optional<OffsetFile.Snapshot> reuse, String reason) {

  /**
   * Reuse a snapshot.
   *
   * @param snapshot the snapshot
   * @return the plan
   */
  public static LocalStatePlan reuse(OffsetFile.Snapshot snapshot) {
    return new LocalStatePlan(Optional.of(snapshot), null);
  }

  /**
   * Wipe, warning why.
   *
   * @param reason why local state cannot be used, or null if there was none worth a warning
   * @return the plan
   */
  public static LocalStatePlan wipe(String reason) {
    return new LocalStatePlan(Optional.empty(), reason);
  }

  /**
   * Whether the store is restored from the changelog's start.
   *
   * @return true when wiping
   */
  public boolean isFullRestore() {
    return reuse.isEmpty();
  }
}
