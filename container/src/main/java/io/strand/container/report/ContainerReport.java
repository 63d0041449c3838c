package io.strand.container.report;

import java.util.List;

/**
 * What a running container tells whoever shows its job's status every {@value #INTERVAL_MS} ms
 * (HTTP POST {@code /report}, JSON: the YARN application master, the process runner's parent; the
 * thread runner reads the same report from its containers' meters in-process): its tasks' input
 * lag, records processed, commits and restore progress, read from its own meters. The status page
 * shows the latest report and a short history of them; the reply ({@link ReportReply}) carries a
 * stop request.
 *
 * <p>Format (version {@value #VERSION}):
 * {@code {"version":1,"containerId":"0","yarnContainerId":"container_..","sentMs":1700000000000,
 * "tasks":[{"taskName":"Partition 0","lag":{"kafka.in#0":12},"commits":3,"lastCommitMs":...,
 * "restoredRecords":0,"restoreTotalRecords":0,"processed":1200,"commitTotalMs":35.2}],
 * "metricsUrl":null}}. Fields a reader does not know are an error; fields a sender leaves out read
 * as 0 or null.
 *
 * <p>Threading: an immutable value.
 *
 * @param version the format version
 * @param containerId the logical container id of the job model
 * @param yarnContainerId which process of the container sent it, so reports of a replaced process
 *     are ignored: the YARN container id on YARN, the pid under the process runner, empty under the
 *     thread runner (the name is the protocol's, from when only YARN had it)
 * @param sentMs when the report was made, in epoch ms
 * @param tasks one entry per task of the container
 * @param metricsUrl the container's metrics endpoint (for example its Prometheus {@code /metrics}),
 *     or null when it has none
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
    yarnContainerId = yarnContainerId == null ? "" : yarnContainerId;
  }
}
