package io.strand.yarn.am.status;

/**
 * One container on the status page.
 *
 * <p>Threading: an immutable value.
 *
 * @param id the logical container id of the job model
 * @param yarnContainerId the current (or last) YARN container, empty before the first allocation
 * @param host the node it runs (or last ran) on, empty before the first allocation
 * @param state a {@link io.strand.yarn.am.SlotState} name
 * @param restarts how often it was started again after its first start
 * @param uptimeMs how long the current process has run, 0 when none runs
 * @param lastExit how the previous process ended, empty if none did
 * @param taskCount tasks it runs
 * @param lastReportAgeMs how long ago it last reported, null if it never did
 * @param metricsUrl its Prometheus endpoint from its last report, null if none
 */
public record ContainerView(String id, String yarnContainerId, String host, String state, int restarts,
    long uptimeMs, String lastExit, int taskCount, Long lastReportAgeMs, String metricsUrl) {}
