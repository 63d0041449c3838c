package io.strand.benchmarks.report;

import io.strand.benchmarks.measure.SustainableSearch;

/**
 * One workload's sustainable maximum in the latency setup, as the suite searched for it.
 *
 * @param throughputMax the workload's median throughput in the throughput rounds, records/s (the
 *     search's ceiling)
 * @param from the bracket the search started from, {bottom, top}, records/s: the low point's rate
 *     (or what the 50 % point of the throughput maximum showed) and the ceiling (or that point)
 * @param outcome the bisection's steps and the bracket it ended with
 * @param seconds how long the search took, s
 */
public record SustainableMax(double throughputMax, double[] from, SustainableSearch.Outcome outcome, double seconds) {

  /** Copies the bracket. */
  public SustainableMax {
    from = from.clone();
  }

  /** @return the highest load sustained, records/s */
  public double rate() {
    return outcome.sustainedRate();
  }

  /** @return the bracket the search started from, {bottom, top}, records/s */
  @Override
  public double[] from() {
    return from.clone();
  }
}
