package io.strand.benchmarks.report;

/**
 * The offered loads a latency run measures, in the order it offers them to one running job.
 *
 * <p>Threading: immutable.
 */
public enum LoadPoint {
  /** A fixed modest rate, the same for every engine (--latency-low-rate): where the machine is not the bottleneck. */
  LOW("fixed low load"),
  /** 50 % of the workload's median throughput, as the benchmark issue asks. */
  HALF("50 % of max");

  private final String label;

  LoadPoint(String label) {
    this.label = label;
  }

  /** @return the name shown in reports */
  public String label() {
    return label;
  }
}
