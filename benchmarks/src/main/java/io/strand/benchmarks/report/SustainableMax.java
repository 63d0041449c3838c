package io.strand.benchmarks.report;

import io.strand.benchmarks.measure.SustainableSearch;

/**
 * One workload's sustainable maximum in the latency setup, as the suite searched for it.
 *
 * @param throughputMax the workload's median throughput in the throughput rounds, records/s (the
 *     search's ceiling)
 * @param from the bracket the search started from, records/s: at its bottom the low point's rate
 *     (or what the 50 % point of the throughput maximum showed) and at its top the ceiling (or that point)
 * @param outcome the bisection's steps and the bracket it ended with
 * @param seconds how long the search took, s
 */
public record SustainableMax(double throughputMax, SustainableSearch.Bracket from, SustainableSearch.Outcome outcome,
    double seconds) {

  /** @return the highest load sustained, records/s */
  public double rate() {
    return outcome.sustainedRate();
  }
}
