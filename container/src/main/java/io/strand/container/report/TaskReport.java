package io.strand.container.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * One task's part of a {@link ContainerReport}.
 *
 * <p>Threading: an immutable value.
 *
 * @param taskName the task, for example {@code Partition 3}
 * @param lag per input partition ({@code system.stream#n}), the high watermark minus the next offset
 *     to read, in records
 * @param commits commits the task has made since its container started
 * @param lastCommitMs when the container first saw the latest commit, in epoch ms; null before the
 *     first one
 * @param restoredRecords changelog records restored into the task's stores since the container
 *     started
 * @param restoreTotalRecords changelog records the task's stores had to restore (offset span)
 */
public record TaskReport(String taskName, Map<String, Long> lag, long commits, Long lastCommitMs,
    long restoredRecords, long restoreTotalRecords) {

  /** Copies the lag map into a sorted one. */
  public TaskReport {
    lag = lag == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(lag));
  }
}
