package io.strand.container.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * One task's part of a {@link ContainerReport}. Counts are since the container's process started
 * (a restarted container starts again from 0).
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
 * @param restoreTotalRecords changelog records the task's stores had to restore (offset span;
 *     compaction may leave {@code restoredRecords} below it)
 * @param processed input messages the task has finished processing since its container started, in
 *     records (0 from a reporter that predates this field)
 * @param commitTotalMs the time the task's commits took, summed, in ms (so a reader of two reports
 *     knows how long the commits between them took)
 */
public record TaskReport(String taskName, Map<String, Long> lag, long commits, Long lastCommitMs,
    long restoredRecords, long restoreTotalRecords, long processed, double commitTotalMs) {

  /** Copies the lag map into a sorted one. */
  public TaskReport {
    lag = lag == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(lag));
  }
}
