package io.strand.benchmarks.data;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * Draws key ids from {@code [0, keys)}: uniformly, or Zipf-skewed (id 0 the most frequent) when the
 * exponent is above 0. Deterministic for a seed, so a run can be repeated exactly.
 *
 * <p>Threading: not thread-safe; one per producing thread.
 */
public final class KeySampler {

  private final int keys;
  private final SplittableRandom uniform;
  private final ZipfDistribution zipf;

  /**
   * @param keys size of the key space (at least 1)
   * @param zipfExponent 0 for uniform keys, else the Zipf exponent (1.0 is classic skew)
   * @param seed random seed
   */
  public KeySampler(int keys, double zipfExponent, long seed) {
    if (keys < 1) {
      throw new IllegalArgumentException("keys must be >= 1, was " + keys);
    }
    this.keys = keys;
    this.uniform = new SplittableRandom(seed);
    this.zipf = zipfExponent > 0 ? new ZipfDistribution(new Well19937c(seed), keys, zipfExponent) : null;
  }

  /** @return the next key id */
  public long next() {
    return zipf == null ? uniform.nextInt(keys) : zipf.sample() - 1L;
  }
}
