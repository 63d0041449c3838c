package io.strand.container.status;

import java.util.List;

/**
 * One task on the status page, from the latest report of the container running it.
 *
 * <p>Threading: an immutable value.
 *
 * @param taskName the task
 * @param containerId the container that runs it
 * @param totalLag the sum of its partitions' known lag, in records
 * @param partitions its input partitions and their lag
 * @param commits commits since its container started
 * @param lastCheckpointMs when its latest checkpoint was seen, null if none yet
 * @param restoredRecords changelog records restored since its container started
 * @param restoreTotalRecords changelog records its stores had to restore
 */
public record TaskView(String taskName, String containerId, long totalLag, List<PartitionLag> partitions,
    long commits, Long lastCheckpointMs, long restoredRecords, long restoreTotalRecords) {

  /** Copies the list. */
  public TaskView {
    partitions = List.copyOf(partitions);
  }
}
