package io.strand.benchmarks.report;

/**
 * The offered loads a latency run measures, in the order it offers them to one running job.
 *
 * <p>Threading: immutable.
 */
public enum LoadPoint {
  /** A fixed modest rate, the same for every engine (--latency-low-rate): where the machine is not the bottleneck. */
  LOW("fixed low load"),
  /**
   * 50 % of the workload's median throughput in the throughput rounds (input preloaded, no load
   * generator on the machine, throughput client settings).
   */
  HALF("50 % of throughput max"),
  /**
   * 50 % of the workload's sustainable maximum: the highest load it kept up with in the latency
   * setup itself, load generator and probe on the machine ({@code SustainableSearch}).
   */
  HALF_SUSTAINABLE("50 % of sustainable max");

  private final String label;

  LoadPoint(String label) {
    this.label = label;
  }

  /** @return the name shown in reports */
  public String label() {
    return label;
  }
}
