package io.strand.benchmarks.report;

import java.util.Arrays;
import java.util.OptionalDouble;

/** Order statistics over a few runs. Threading: stateless. */
public final class Stats {

  private Stats() {
  }

  /** @param values the values (any order)
   *  @return their median (mean of the middle two for an even count), empty for none */
  public static OptionalDouble median(double[] values) {
    if (values.length == 0) {
      return OptionalDouble.empty();
    }
    double[] s = values.clone();
    Arrays.sort(s);
    int mid = s.length / 2;
    return OptionalDouble.of(s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2);
  }
}
