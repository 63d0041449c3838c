package io.strand.nexmark.latency;

import java.util.Arrays;

/**
 * What a latency run measured, in ms. Percentiles by nearest rank over every measured result
 * (negative values included: a result appended before its due time is counted as it is, and in
 * {@code early}).
 *
 * @param count results measured
 * @param p50Ms median
 * @param p99Ms 99th percentile
 * @param p999Ms 99.9th percentile
 * @param minMs the smallest
 * @param maxMs the largest
 * @param early results appended before they were due (latency below 0)
 * @param unmatched results no input explains (not measured; 0 unless an engine wrote a wrong result)
 * @param warmUp results due during the warm-up (not measured)
 */
public record LatencyFigures(long count, long p50Ms, long p99Ms, long p999Ms, long minMs, long maxMs, long early,
    long unmatched, long warmUp) {

  /**
   * The figures of some latencies.
   *
   * @param latenciesMs the measured latencies, ms (not changed)
   * @param unmatched results not measured for want of a matching input
   * @param warmUp results not measured as due during the warm-up
   * @return the figures (all 0 for no latencies)
   */
  public static LatencyFigures of(long[] latenciesMs, long unmatched, long warmUp) {
    long[] sorted = latenciesMs.clone();
    Arrays.sort(sorted);
    long early = Arrays.stream(sorted).filter(v -> v < 0).count();
    return new LatencyFigures(sorted.length, rank(sorted, 50), rank(sorted, 99), rank(sorted, 99.9),
        sorted.length == 0 ? 0 : sorted[0], sorted.length == 0 ? 0 : sorted[sorted.length - 1], early, unmatched,
        warmUp);
  }

  /** Nearest rank: the smallest value with at least p % of the values at or below it. */
  static long rank(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9) - 1;  // 1e-9: 99.9 * 1000 / 100 is 999.0000000000001
    return sorted[Math.max(0, Math.min(i, sorted.length - 1))];
  }
}
