package io.strand.benchmarks.report;

import io.strand.benchmarks.workload.Engine;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Strand's throughput as a ratio to the raw ceiling and to Kafka Streams, per kind of work, with
 * the targets of the benchmark issue. The raw baseline of passthrough, count and windowed count is
 * the raw consume → produce loop; that of restore is the plain read of the same changelog; that of
 * the flights job is the flights job's own raw loop.
 *
 * <p>Threading: stateless.
 */
public final class Ratios {

  /**
   * One row.
   *
   * @param kind the work
   * @param vsRaw Strand / raw, if both ran
   * @param vsStreams Strand / Kafka Streams, if both ran
   * @param rawTarget the target for vsRaw, or NaN
   * @param streamsTarget the target for vsStreams, or NaN
   */
  public record Row(Kind kind, OptionalDouble vsRaw, OptionalDouble vsStreams, double rawTarget,
      double streamsTarget) {

    /** @return the raw workload this kind is compared with */
    public Workload rawBaseline() {
      return rawBaselineOf(kind);
    }
  }

  private Ratios() {
  }

  /** @param results a run
   *  @return a row per kind Strand runs */
  public static List<Row> of(SuiteResults results) {
    List<Row> rows = new ArrayList<>();
    for (Kind kind : List.of(Kind.PASSTHROUGH, Kind.COUNT, Kind.WINDOWED, Kind.RESTORE, Kind.FLIGHTS)) {
      Workload strand = Workload.of(Engine.STRAND, kind).orElseThrow();
      Workload streams = Workload.of(Engine.KAFKA_STREAMS, kind).orElseThrow();
      Workload raw = rawBaselineOf(kind);
      double rawTarget = switch (kind) {
        case PASSTHROUGH -> 0.85;
        case COUNT, FLIGHTS -> 0.5;
        case RESTORE -> 0.7;
        default -> Double.NaN;
      };
      double streamsTarget = switch (kind) {
        case COUNT, RESTORE -> 1.3;
        case FLIGHTS -> 2.0;
        default -> Double.NaN;
      };
      rows.add(new Row(kind, ratio(results, strand, raw), ratio(results, strand, streams), rawTarget, streamsTarget));
    }
    return rows;
  }

  /**
   * The flights job on Strand's streams API against the same baselines (no target of its own).
   *
   * @param results a run
   * @return Strand streams API / raw and / Kafka Streams, empty where a side did not run
   */
  public static Row flightsApp(SuiteResults results) {
    Workload app = Workload.STRAND_APP_FLIGHTS;
    return new Row(Kind.FLIGHTS, ratio(results, app, Workload.RAW_FLIGHTS),
        ratio(results, app, Workload.KAFKA_STREAMS_FLIGHTS), Double.NaN, Double.NaN);
  }

  /** Target of the count on the large key space against the raw passthrough (issue 17). */
  public static final double LARGE_KEYS_RAW_TARGET = 0.5;
  /** Target of the count on the large key space against Kafka Streams' count (issue 17). */
  public static final double LARGE_KEYS_STREAMS_TARGET = 2.0;

  /**
   * The stateful count of the second table (1 M keys, Zipf 1.0), against the raw passthrough and
   * Kafka Streams' count of the same run, with issue 17's targets for that key space.
   *
   * @param large the second table's results
   * @return the row, empty ratios where a side did not run
   */
  public static Row largeKeyCount(SuiteResults large) {
    return new Row(Kind.COUNT, ratio(large, Workload.STRAND_COUNT, Workload.RAW_PASSTHROUGH),
        ratio(large, Workload.STRAND_COUNT, Workload.KAFKA_STREAMS_COUNT), LARGE_KEYS_RAW_TARGET,
        LARGE_KEYS_STREAMS_TARGET);
  }

  private static Workload rawBaselineOf(Kind kind) {
    return switch (kind) {
      case RESTORE -> Workload.RAW_READ;
      case FLIGHTS -> Workload.RAW_FLIGHTS;
      default -> Workload.RAW_PASSTHROUGH;
    };
  }

  private static OptionalDouble ratio(SuiteResults results, Workload a, Workload b) {
    OptionalDouble x = results.medianRate(a);
    OptionalDouble y = results.medianRate(b);
    return x.isPresent() && y.isPresent() && y.getAsDouble() > 0
        ? OptionalDouble.of(x.getAsDouble() / y.getAsDouble()) : OptionalDouble.empty();
  }
}
