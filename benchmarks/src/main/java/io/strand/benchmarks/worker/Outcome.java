package io.strand.benchmarks.worker;

/**
 * What a worker measured.
 *
 * @param records records processed (restore: changelog records restored; read: records read)
 * @param startNanos {@link System#nanoTime()} at the start of the timed window
 * @param endNanos {@link System#nanoTime()} at its end
 */
public record Outcome(long records, long startNanos, long endNanos) {

  /** @return the timed window in seconds */
  public double seconds() {
    return (endNanos - startNanos) / 1e9;
  }
}
