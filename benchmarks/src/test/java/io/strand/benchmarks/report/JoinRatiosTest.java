package io.strand.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.benchmarks.data.DataSpec;
import io.strand.benchmarks.measure.WorkerResult;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.StoreCache;
import io.strand.benchmarks.workload.SuiteSettings;
import io.strand.benchmarks.workload.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinRatiosTest {

  private final SuiteResults results = new SuiteResults(new SuiteSettings(new DataSpec(1_000, 10, 0, 100, 8, 1_000, 1),
      2, Duration.ZERO, Duration.ZERO, 0, StoreCache.OFF, EnumSet.allOf(Workload.class), Path.of("out"), 1024, false,
      "bin/benchmark", -1));

  @Test
  void dividesStrandsRateByKafkaStreamsAndRawPerJoinWithTheRangeOfTheRounds() {
    add(Workload.STRAND_STREAMS_API_ENRICH, 1, 60_000, 2_400_000_000L);
    add(Workload.STRAND_STREAMS_API_ENRICH, 2, 40_000, 1_600_000_000L);
    add(Workload.KAFKA_STREAMS_DSL_ENRICH, 1, 20_000, 4_000_000_000L);
    add(Workload.KAFKA_STREAMS_DSL_ENRICH, 2, 20_000, 4_000_000_000L);
    add(Workload.STRAND_STREAMS_API_JOIN, 1, 10_000, 1_000_000_000L);
    add(Workload.KAFKA_STREAMS_DSL_JOIN, 1, 10_000, 1_000_000_000L);

    List<JoinRatios.Row> rows = JoinRatios.of(results);

    assertEquals(List.of(Kind.ENRICH, Kind.JOIN), rows.stream().map(JoinRatios.Row::kind).toList());
    assertEquals("2.50x (2.00-3.00x)", rows.get(0).vsStreams().orElseThrow().describe());
    assertEquals(">= 2.00x met", rows.get(0).vsStreams().orElseThrow().verdict());
    assertEquals(">= 2.00x **missed**", rows.get(1).vsStreams().orElseThrow().verdict());
    assertTrue(rows.get(0).vsRaw().isEmpty(), "the raw enrichment did not run");
    String md = MarkdownReport.render(results, List.of());
    assertTrue(md.contains("| stream-table enrichment | 2.50x (2.00-3.00x) | >= 2.00x met | n/a | 40.00 | 200.00 |"),
        md);
  }

  /** One successful run of {@code records} records in one second, with that job CPU. */
  private void add(Workload w, int round, long records, long cpuNanos) {
    results.add(new Measurement(w, round, new WorkerResult(w.name(), true, null, records, 1_000_000_000L, 1, cpuNanos,
        1, Path.of("log"))));
  }
}
