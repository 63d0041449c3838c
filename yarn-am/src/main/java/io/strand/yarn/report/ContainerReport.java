package io.strand.yarn.report;

import java.util.List;

/**
 * What a running container tells its AM every {@value #INTERVAL_MS} ms (HTTP POST
 * {@code /report}, JSON): its tasks' input lag, commits and restore progress, read from its own
 * meters. The AM shows the latest report on the status page; the reply ({@link ReportReply})
 * carries the AM's stop request.
 *
 * <p>Format (version {@value #VERSION}):
 * {@code {"version":1,"containerId":"0","yarnContainerId":"container_..","sentMs":1700000000000,
 * "tasks":[{"taskName":"Partition 0","lag":{"kafka.in#0":12},"commits":3,"lastCommitMs":...,
 * "restoredRecords":0,"restoreTotalRecords":0}],"metricsUrl":"http://node-3:41234/metrics"}}.
 *
 * <p>Threading: an immutable value.
 *
 * @param version the format version
 * @param containerId the logical container id of the job model
 * @param yarnContainerId the YARN container id, so reports of a replaced container are ignored
 * @param sentMs when the report was made, in epoch ms
 * @param tasks one entry per task of the container
 * @param metricsUrl the container's Prometheus endpoint ({@code metrics.reporters}), or null when it
 *     serves none (absent in reports of older containers)
 */
public record ContainerReport(int version, String containerId, String yarnContainerId, long sentMs,
    List<TaskReport> tasks, String metricsUrl) {

  /** The current format version. */
  public static final int VERSION = 1;
  /** How often containers report, in ms. */
  public static final long INTERVAL_MS = 1_000;

  /** Copies the task list. */
  public ContainerReport {
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }
}
