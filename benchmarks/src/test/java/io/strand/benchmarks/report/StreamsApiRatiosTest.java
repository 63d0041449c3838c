package io.strand.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.benchmarks.data.DataSpec;
import io.strand.benchmarks.measure.WorkerResult;
import io.strand.benchmarks.workload.StoreCache;
import io.strand.benchmarks.workload.SuiteSettings;
import io.strand.benchmarks.workload.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamsApiRatiosTest {

  private final SuiteResults results = new SuiteResults(new SuiteSettings(new DataSpec(1_000, 10, 0, 100, 8, 1_000, 1),
      1, Duration.ZERO, Duration.ZERO, 0, StoreCache.OFF, EnumSet.allOf(Workload.class), Path.of("out"), 1024, false,
      "bin/benchmark", -1));

  @Test
  void dividesTheStreamsApiRateByTheHandWrittenDslAndProcessorApiRates() {
    add(Workload.STRAND_STREAMS_API_WINDOWED, 30_000);
    add(Workload.STRAND_WINDOWED, 60_000);
    add(Workload.KAFKA_STREAMS_DSL_WINDOWED, 20_000);

    List<StreamsApiRatios.Row> rows = StreamsApiRatios.of(results);

    assertEquals(List.of(Workload.STRAND_WINDOWED, Workload.KAFKA_STREAMS_DSL_WINDOWED,
        Workload.KAFKA_STREAMS_WINDOWED), rows.stream().map(StreamsApiRatios.Row::baseline).toList());
    assertEquals("0.50x", rows.get(0).ratio().orElseThrow().describe());
    assertEquals("1.50x", rows.get(1).ratio().orElseThrow().describe());
    assertTrue(rows.get(2).ratio().isEmpty(), "the Processor API workload did not run");
    String md = MarkdownReport.render(results, List.of());
    assertTrue(md.contains("| Kafka Streams DSL windowed count | 1.50x |"), md);
  }

  @Test
  void noRowsWithoutAStreamsApiRun() {
    add(Workload.KAFKA_STREAMS_DSL_WINDOWED, 20_000);

    assertTrue(StreamsApiRatios.of(results).isEmpty());
  }

  /** One successful round-1 run of {@code records} records in one second. */
  private void add(Workload w, long records) {
    results.add(new Measurement(w, 1, new WorkerResult(w.name(), true, null, records, 1_000_000_000L, 1, 1, 1,
        Path.of("log"))));
  }
}
