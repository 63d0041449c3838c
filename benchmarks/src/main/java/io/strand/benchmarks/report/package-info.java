/**
 * What a suite run measured ({@link io.strand.benchmarks.report.SuiteResults}) and its rendering:
 * {@code results.md}, {@code runs.csv}, {@code latency.csv}, the PNG charts, ratios and order
 * statistics.
 */
package io.strand.benchmarks.report;
