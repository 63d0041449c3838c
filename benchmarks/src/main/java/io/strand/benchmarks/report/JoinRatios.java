package io.strand.benchmarks.report;

import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.Workload;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The join workloads' ratios: Strand's streams API against Kafka Streams' DSL doing the same work
 * (target {@value #TARGET}x records/s, issue 16) and against the raw loop, each of the medians
 * with the range within one round ({@link ExactlyOnceRatios.Ratio}); and, since a loaded machine
 * moves records/s more than the work done, the job CPU per record of both engines.
 *
 * <p>Threading: stateless.
 */
public final class JoinRatios {

  /** Strand / Kafka Streams records/s the issue asks for. */
  public static final double TARGET = 2.0;

  /**
   * One row.
   *
   * @param kind the work
   * @param strand Strand's workload
   * @param vsStreams Strand / Kafka Streams DSL, if both ran
   * @param vsRaw Strand / raw, if both ran
   * @param strandCpuMicros Strand's median job CPU per record, µs
   * @param streamsCpuMicros Kafka Streams' median job CPU per record, µs
   */
  public record Row(Kind kind, Workload strand, Optional<ExactlyOnceRatios.Ratio> vsStreams,
      Optional<ExactlyOnceRatios.Ratio> vsRaw, OptionalDouble strandCpuMicros, OptionalDouble streamsCpuMicros) {
  }

  private JoinRatios() {
  }

  /**
   * @param results a run
   * @return a row per join kind whose Strand workload ran successfully
   */
  public static List<Row> of(SuiteResults results) {
    return List.of(row(results, Kind.ENRICH, Workload.STRAND_STREAMS_API_ENRICH, Workload.KAFKA_STREAMS_DSL_ENRICH,
            Workload.RAW_ENRICH),
        row(results, Kind.JOIN, Workload.STRAND_STREAMS_API_JOIN, Workload.KAFKA_STREAMS_DSL_JOIN, Workload.RAW_JOIN))
        .stream().filter(r -> !results.ok(r.strand()).isEmpty()).toList();
  }

  private static Row row(SuiteResults results, Kind kind, Workload strand, Workload streams, Workload raw) {
    return new Row(kind, strand, ExactlyOnceRatios.ratio(results, strand, Optional.of(streams), TARGET),
        ExactlyOnceRatios.ratio(results, strand, Optional.of(raw), Double.NaN), cpuMicros(results, strand),
        cpuMicros(results, streams));
  }

  private static OptionalDouble cpuMicros(SuiteResults results, Workload w) {
    return Stats.median(results.ok(w).stream()
        .mapToDouble(m -> m.result().jobCpuNanos() / 1e3 / Math.max(1, m.result().records())).toArray());
  }
}
