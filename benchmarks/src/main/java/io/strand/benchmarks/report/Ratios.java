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
 * the raw consume → produce loop; that of restore is the plain read of the same changelog.
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
      return kind == Kind.RESTORE ? Workload.RAW_READ : Workload.RAW_PASSTHROUGH;
    }
  }

  private Ratios() {
  }

  /** @param results a run
   *  @return a row per kind Strand runs */
  public static List<Row> of(SuiteResults results) {
    List<Row> rows = new ArrayList<>();
    for (Kind kind : List.of(Kind.PASSTHROUGH, Kind.COUNT, Kind.WINDOWED, Kind.RESTORE)) {
      Workload strand = Workload.of(Engine.STRAND, kind).orElseThrow();
      Workload streams = Workload.of(Engine.KAFKA_STREAMS, kind).orElseThrow();
      Workload raw = kind == Kind.RESTORE ? Workload.RAW_READ : Workload.RAW_PASSTHROUGH;
      double rawTarget = switch (kind) {
        case PASSTHROUGH -> 0.85;
        case COUNT -> 0.5;
        case RESTORE -> 0.7;
        default -> Double.NaN;
      };
      double streamsTarget = kind == Kind.COUNT || kind == Kind.RESTORE ? 1.3 : Double.NaN;
      rows.add(new Row(kind, ratio(results, strand, raw), ratio(results, strand, streams), rawTarget, streamsTarget));
    }
    return rows;
  }

  private static OptionalDouble ratio(SuiteResults results, Workload a, Workload b) {
    OptionalDouble x = results.medianRate(a);
    OptionalDouble y = results.medianRate(b);
    return x.isPresent() && y.isPresent() && y.getAsDouble() > 0
        ? OptionalDouble.of(x.getAsDouble() / y.getAsDouble()) : OptionalDouble.empty();
  }
}
