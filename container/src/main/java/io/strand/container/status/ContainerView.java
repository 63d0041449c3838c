package io.strand.container.status;

/**
 * One container on the status page.
 *
 * <p>Threading: an immutable value.
 *
 * @param id the logical container id of the job model
 * @param processId its current (or last) process: YARN container id, pid, or empty (thread runner)
 * @param host the node it runs (or last ran) on, empty before the first start
 * @param state the runner's state name (see {@link ContainerState#state()})
 * @param activity what its reports say: {@code no report yet} while its current process has not
 *     reported (starting, restoring before its first report), {@code reporting},
 *     {@code no report for <n> s} when reports stopped, or {@code ended}
 * @param restarts how often it was started again after its first start
 * @param uptimeMs how long the current process has run, 0 when none runs
 * @param lastExit how the previous process ended, empty if none did
 * @param taskCount tasks it runs
 * @param lastReportAgeMs how long ago its current process last reported, null if it has not
 * @param recordsPerSecond records its tasks processed per second lately, null when unknown
 * @param lag its tasks' input lag summed, in records; null when unknown
 * @param metricsUrl its metrics endpoint from its current process's report (its Prometheus
 *     {@code /metrics}, {@code metrics.reporters}), null if none or once it has ended
 * @param logUrl where its log can be read, empty if nowhere
 */
public record ContainerView(String id, String processId, String host, String state, String activity, int restarts,
    long uptimeMs, String lastExit, int taskCount, Long lastReportAgeMs, Double recordsPerSecond, Long lag,
    String metricsUrl, String logUrl) {}
