package io.strand.benchmarks.report;

import io.strand.benchmarks.measure.LatencyResult;
import io.strand.benchmarks.workload.Workload;

/**
 * One latency measurement: a workload at one load point.
 *
 * @param workload the workload
 * @param point the load point
 * @param result what the probe measured
 * @param usage what the measured window cost the machine, and what other processes used meanwhile,
 *     if noted
 */
public record LatencyRun(Workload workload, LoadPoint point, LatencyResult result,
    java.util.Optional<io.strand.benchmarks.measure.WindowResources.Usage> usage) {
}
