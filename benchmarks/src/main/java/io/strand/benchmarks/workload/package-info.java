/**
 * What the suite runs and how it is configured: the workloads (a {@link
 * io.strand.benchmarks.workload.Kind} of work on an {@link io.strand.benchmarks.workload.Engine}),
 * one worker's {@link io.strand.benchmarks.workload.WorkerSpec}, the engines' client settings and
 * store cache, and a whole run's {@link io.strand.benchmarks.workload.SuiteSettings}. Uses
 * {@code data} only.
 */
package io.strand.benchmarks.workload;
