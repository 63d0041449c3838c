package io.strand.changelog.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides whether a store instance's local snapshots can be used (see {@link LocalStatePlan}).
 * A snapshot is usable when it belongs to the store's current changelog partition, its directory
 * is intact, its offset is at or before the checkpointed changelog offset (a later one holds
 * writes the checkpoint does not cover: the container crashed after persisting the store and
 * before writing the checkpoint), and the changelog still has every record after it (its offset
 * is at or after the log start minus one). The newest usable snapshot wins; otherwise the store is
 * wiped and fully restored.
 *
 * <p>Threading: stateless; a pure function of its arguments.
 */
public final class LocalStatePlanner {

  private LocalStatePlanner() {}

  /**
   * Plans one store instance.
   *
   * @param offsetFile the instance's {@code OFFSET} content, or empty if it has none
   * @param unreadable why the {@code OFFSET} file could not be read, or null if it could
   * @param hasLiveDb whether the instance holds a database (wiping it then deserves a warning)
   * @param topic the store's changelog topic
   * @param partition the task's changelog partition
   * @param checkpointed the checkpointed changelog offset, or null when the task has none
   * @param logStart the changelog partition's log start offset
   * @param intact whether a snapshot's directory is present and complete
   * @return the plan
   */
  public static LocalStatePlan plan(Optional<OffsetFile> offsetFile, String unreadable, boolean hasLiveDb,
      String topic, int partition, Long checkpointed, long logStart, Predicate<OffsetFile.Snapshot> intact) {
    if (unreadable != null) {
      return LocalStatePlan.wipe("its OFFSET file is unreadable (" + unreadable + ")");
    }
    if (offsetFile.isEmpty()) {
      return LocalStatePlan.wipe(hasLiveDb ? "it has no OFFSET file, so nothing says which changelog offset"
          + " its data matches" : null);
    }
    OffsetFile file = offsetFile.get();
    if (!file.topic().equals(topic) || file.partition() != partition) {
      return LocalStatePlan.wipe("its OFFSET file is for changelog " + file.topic() + "-" + file.partition()
          + " but the store now uses " + topic + "-" + partition);
    }
    if (checkpointed == null) {
      return LocalStatePlan.wipe(file.snapshots().isEmpty() ? null : "the task has no checkpointed changelog"
          + " offset, so every local snapshot is newer than the checkpoint");
    }
    List<Long> after = new ArrayList<>();
    List<Long> belowStart = new ArrayList<>();
    List<Long> broken = new ArrayList<>();
    for (OffsetFile.Snapshot snapshot : file.snapshots()) {
      if (snapshot.offset() > checkpointed) {
        after.add(snapshot.offset());
      } else if (snapshot.offset() + 1 < logStart) {
        belowStart.add(snapshot.offset());
      } else if (!intact.test(snapshot)) {
        broken.add(snapshot.offset());
      } else {
        return LocalStatePlan.reuse(snapshot);
      }
    }
    if (!belowStart.isEmpty()) {
      return LocalStatePlan.wipe("its snapshot at changelog offset " + belowStart.get(0) + " is older than the"
          + " changelog's log start " + logStart + ", so the records in between are gone");
    }
    if (!broken.isEmpty()) {
      return LocalStatePlan.wipe("its snapshot directory for changelog offset " + broken.get(0)
          + " is missing or incomplete");
    }
    if (!after.isEmpty()) {
      return LocalStatePlan.wipe("its snapshots (changelog offsets " + after + ") are after the checkpointed offset "
          + checkpointed + " (a crash after the store was persisted and before the checkpoint was written)");
    }
    return LocalStatePlan.wipe(hasLiveDb ? "its OFFSET file lists no snapshot" : null);
  }

  /**
   * Plans recovering a store instance whose changelog lost the records its checkpoint names
   * ({@code stores.<s>.changelog.recover=local}): only a snapshot of the same changelog partition
   * taken at exactly the checkpointed offset holds the state the checkpoint describes (an older one
   * lacks writes the lost records held, a newer one holds writes the checkpoint does not cover).
   *
   * @param offsetFile the instance's {@code OFFSET} content, or empty if it has none
   * @param unreadable why the {@code OFFSET} file could not be read, or null if it could
   * @param topic the store's changelog topic
   * @param partition the task's changelog partition
   * @param checkpointed the checkpointed changelog offset
   * @param intact whether a snapshot's directory is present and complete
   * @return a plan reusing that snapshot, or a wipe plan whose reason says why there is none
   */
  public static LocalStatePlan planRecovery(Optional<OffsetFile> offsetFile, String unreadable, String topic,
      int partition, long checkpointed, Predicate<OffsetFile.Snapshot> intact) {
    if (unreadable != null) {
      return LocalStatePlan.wipe("its OFFSET file is unreadable (" + unreadable + ")");
    }
    if (offsetFile.isEmpty()) {
      return LocalStatePlan.wipe("it has no OFFSET file");
    }
    OffsetFile file = offsetFile.get();
    if (!file.topic().equals(topic) || file.partition() != partition) {
      return LocalStatePlan.wipe("its OFFSET file is for changelog " + file.topic() + "-" + file.partition());
    }
    for (OffsetFile.Snapshot snapshot : file.snapshots()) {
      if (snapshot.offset() == checkpointed) {
        return intact.test(snapshot) ? LocalStatePlan.reuse(snapshot) : LocalStatePlan.wipe("its snapshot at"
            + " changelog offset " + checkpointed + " is missing or incomplete");
      }
    }
    return LocalStatePlan.wipe("it has no snapshot at changelog offset " + checkpointed + " (its snapshots are at "
        + file.snapshots().stream().map(OffsetFile.Snapshot::offset).toList() + ")");
  }
}
