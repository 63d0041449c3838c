package io.strand.container.checkpoint;

import io.strand.container.TaskName;
import io.strand.system.SystemStreamPartition;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one task has durably done, as of one commit: for each input partition the offset of the
 * last message processed (a restart resumes at that offset + 1, as Samza's checkpoints), and for
 * each store the changelog offset of the last write made durable by that commit.
 *
 * @param taskName the task
 * @param inputOffsets last processed offset per input partition; partitions with nothing
 *     processed yet are absent
 * @param changelogOffsets last acknowledged changelog offset per store name; stores with no
 *     changelog write yet are absent
 * @param endOfStream whether the task had reached the end of its (bounded) inputs and its
 *     {@code onEndOfStream} had run when this commit was made: a restart that finds nothing new on
 *     its inputs does not call {@code onEndOfStream} again, so its outputs are not sent twice
 */
public record Checkpoint(TaskName taskName, Map<SystemStreamPartition, Long> inputOffsets,
    Map<String, Long> changelogOffsets, boolean endOfStream) {

  /**
   * A checkpoint of a task that has not reached the end of its input.
   *
   * @param taskName the task
   * @param inputOffsets last processed offset per input partition
   * @param changelogOffsets last acknowledged changelog offset per store name
   */
  public Checkpoint(TaskName taskName, Map<SystemStreamPartition, Long> inputOffsets,
      Map<String, Long> changelogOffsets) {
    this(taskName, inputOffsets, changelogOffsets, false);
  }

  /** Copies the maps into sorted, immutable ones; no component may be null. */
  public Checkpoint {
    Objects.requireNonNull(taskName, "taskName");
    inputOffsets = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(inputOffsets));
    changelogOffsets = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(changelogOffsets));
  }
}
