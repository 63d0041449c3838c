package io.strand.container.status;

import java.util.List;

/**
 * One task on the status page, from the latest report of the current process of the container
 * running it.
 *
 * <p>Threading: an immutable value.
 *
 * @param taskName the task
 * @param containerId the container that runs it
 * @param state {@code running}; {@code no report yet} while its container's current process has
 *     not reported; or its container's ended state in lower case ({@code finished},
 *     {@code stopped}, {@code failed}), when lag and rate are no longer shown
 * @param totalLag the sum of its partitions' known lag, in records; null when unknown (see state)
 * @param partitions its input partitions and their lag
 * @param recordsPerSecond records it processed per second over the last few reports; null when
 *     unknown
 * @param commits commits since its container's process started
 * @param lastCheckpointMs when its latest checkpoint was seen, null if none yet
 * @param restoredRecords changelog records restored since its container's process started
 * @param restoreTotalRecords changelog records its stores had to restore (offset span)
 * @param restore the restore progress as the page shows it
 */
public record TaskView(String taskName, String containerId, String state, Long totalLag,
    List<PartitionLag> partitions, Double recordsPerSecond, long commits, Long lastCheckpointMs,
    long restoredRecords, long restoreTotalRecords, RestoreView restore) {

  /** Copies the list. */
  public TaskView {
    partitions = List.copyOf(partitions);
  }
}
