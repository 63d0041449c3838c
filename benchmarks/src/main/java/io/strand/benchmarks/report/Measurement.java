package io.strand.benchmarks.report;

import io.strand.benchmarks.measure.WorkerResult;
import io.strand.benchmarks.workload.Workload;

/**
 * One throughput run of one workload.
 *
 * @param workload the workload
 * @param round the round, from 1
 * @param result what the worker measured
 */
public record Measurement(Workload workload, int round, WorkerResult result) {
}
