package io.strand.benchmarks.report;

import io.strand.benchmarks.workload.Engine;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Strand's exactly-once throughput as ratios, per kind of work and commit interval, with the
 * targets of the exactly-once issue: against Kafka Streams' {@code exactly_once_v2} (at least
 * {@value #STREAMS_TARGET}x), against the raw transactional loop (at least {@value #RAW_TARGET}x),
 * and, for the stateful count, against Strand's own at-least-once count (at least
 * {@value #AT_LEAST_ONCE_TARGET}x). Each ratio is of the medians, with the range of the ratios
 * within one round (the two runs next to each other in time), since the machine's drift moves
 * both sides of a round alike.
 *
 * <p>Threading: stateless.
 */
public final class ExactlyOnceRatios {

  /** Strand exactly-once / Kafka Streams exactly-once, at least. */
  public static final double STREAMS_TARGET = 1.3;
  /** Strand exactly-once / raw transactional loop, at least. */
  public static final double RAW_TARGET = 0.7;
  /** Strand exactly-once count / Strand at-least-once count, at least. */
  public static final double AT_LEAST_ONCE_TARGET = 0.5;

  /**
   * One ratio.
   *
   * @param median the ratio of the two medians
   * @param lowest the lowest ratio within a round
   * @param highest the highest ratio within a round
   * @param target the target, or NaN for none
   */
  public record Ratio(double median, double lowest, double highest, double target) {

    /** @return e.g. "1.52x (1.41-1.60x)" */
    public String describe() {
      return lowest == highest && lowest == median ? String.format(Locale.ROOT, "%.2fx", median)
          : String.format(Locale.ROOT, "%.2fx (%.2f-%.2fx)", median, lowest, highest);
    }

    /** @return "-", ">= 1.30x met", ">= 0.70x **missed**" */
    public String verdict() {
      if (Double.isNaN(target)) {
        return "-";
      }
      return String.format(Locale.ROOT, ">= %.2fx", target) + (median >= target ? " met" : " **missed**");
    }
  }

  /**
   * One row: Strand's exactly-once workload of one kind and interval against the others.
   *
   * @param kind the work
   * @param commitMs the commit interval, ms
   * @param vsStreams Strand / Kafka Streams, both exactly-once, if both ran
   * @param vsRaw Strand / the raw transactional loop, if both ran
   * @param vsAtLeastOnce Strand exactly-once / Strand at-least-once (the stateful count's target;
   *     passthrough shown without one), if both ran
   */
  public record Row(Kind kind, long commitMs, Optional<Ratio> vsStreams, Optional<Ratio> vsRaw,
      Optional<Ratio> vsAtLeastOnce) {
  }

  private ExactlyOnceRatios() {
  }

  /**
   * @param results a run
   * @return a row per kind and interval whose Strand exactly-once workload ran
   */
  public static List<Row> of(SuiteResults results) {
    List<Row> rows = new ArrayList<>();
    for (long commitMs : Workload.exactlyOnceIntervals()) {
      for (Kind kind : List.of(Kind.PASSTHROUGH, Kind.COUNT)) {
        Workload strand = Workload.exactlyOnce(Engine.STRAND, kind, commitMs).orElseThrow();
        if (results.ok(strand).isEmpty()) {
          continue;
        }
        rows.add(new Row(kind, commitMs,
            ratio(results, strand, Workload.exactlyOnce(Engine.KAFKA_STREAMS, kind, commitMs), STREAMS_TARGET),
            ratio(results, strand, Workload.exactlyOnce(Engine.RAW, kind, commitMs), RAW_TARGET),
            ratio(results, strand, Workload.of(Engine.STRAND, kind),
                kind == Kind.COUNT ? AT_LEAST_ONCE_TARGET : Double.NaN)));
      }
    }
    return rows;
  }

  /**
   * @param results a run
   * @param a the numerator's workload
   * @param other the denominator's workload, if there is one
   * @param target the target, or NaN
   * @return a / other with its range within a round, if both ran
   */
  static Optional<Ratio> ratio(SuiteResults results, Workload a, Optional<Workload> other, double target) {
    if (other.isEmpty()) {
      return Optional.empty();
    }
    Workload b = other.get();
    OptionalDouble x = results.medianRate(a);
    OptionalDouble y = results.medianRate(b);
    if (x.isEmpty() || y.isEmpty() || y.getAsDouble() <= 0) {
      return Optional.empty();
    }
    double median = x.getAsDouble() / y.getAsDouble();
    Map<Integer, Double> ofA = byRound(results, a);
    Map<Integer, Double> ofB = byRound(results, b);
    double lowest = Double.MAX_VALUE;
    double highest = -Double.MAX_VALUE;
    for (Map.Entry<Integer, Double> e : ofA.entrySet()) {
      Double rateB = ofB.get(e.getKey());
      if (rateB != null && rateB > 0) {
        lowest = Math.min(lowest, e.getValue() / rateB);
        highest = Math.max(highest, e.getValue() / rateB);
      }
    }
    return Optional.of(lowest > highest ? new Ratio(median, median, median, target)
        : new Ratio(median, lowest, highest, target));
  }

  private static Map<Integer, Double> byRound(SuiteResults results, Workload w) {
    Map<Integer, Double> m = new TreeMap<>();
    results.ok(w).forEach(r -> m.put(r.round(), r.result().recordsPerSecond()));
    return m;
  }
}
