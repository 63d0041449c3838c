package io.strand.benchmarks.report;

import io.strand.benchmarks.workload.Workload;
import java.util.List;
import java.util.Optional;

/**
 * The windowed count written with Strand's streams API against the same work written three other
 * ways: by hand as a Strand task, with Kafka Streams' DSL (the same program), and with Kafka
 * Streams' Processor API. Each ratio is of the medians, with the range within one round, as
 * {@link ExactlyOnceRatios} shows its own; no targets.
 *
 * <p>Threading: stateless.
 */
public final class StreamsApiRatios {

  /** The streams API workload every row divides. */
  public static final Workload STREAMS_API = Workload.STRAND_STREAMS_API_WINDOWED;

  /** What the streams API is compared with, in the report's order. */
  private static final List<Workload> BASELINES = List.of(Workload.STRAND_WINDOWED,
      Workload.KAFKA_STREAMS_DSL_WINDOWED, Workload.KAFKA_STREAMS_WINDOWED);

  /**
   * One row.
   *
   * @param baseline the workload the streams API is divided by
   * @param ratio streams API / baseline, if both ran
   */
  public record Row(Workload baseline, Optional<ExactlyOnceRatios.Ratio> ratio) {
  }

  private StreamsApiRatios() {
  }

  /**
   * @param results a run
   * @return a row per baseline, or none when the streams API workload did not run successfully
   */
  public static List<Row> of(SuiteResults results) {
    if (results.ok(STREAMS_API).isEmpty()) {
      return List.of();
    }
    return BASELINES.stream()
        .map(b -> new Row(b, ExactlyOnceRatios.ratio(results, STREAMS_API, Optional.of(b), Double.NaN))).toList();
  }
}
