package io.strand.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.benchmarks.data.DataSpec;
import io.strand.benchmarks.measure.LatencyProbe;
import io.strand.benchmarks.measure.LatencyResult;
import io.strand.benchmarks.measure.SustainableSearch;
import io.strand.benchmarks.measure.WindowResources;
import io.strand.benchmarks.workload.LatencyOptions;
import io.strand.benchmarks.workload.StoreCache;
import io.strand.benchmarks.workload.SuiteSettings;
import io.strand.benchmarks.workload.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The latency section's spread and machine columns (session 18). Pure logic, no broker. */
class LatencyReportTest {

  private static final DataSpec DATA = new DataSpec(1_000_000, 10_000, 0, 100, 8, 100_000, 42);

  @Test
  void eachPointShowsTheSpreadOfItsPartsP99AndWhatOtherProcessesUsed() {
    SuiteResults results = new SuiteResults(new SuiteSettings(DATA, 1, Duration.ofSeconds(5),
        Duration.ofSeconds(8), 20_000, StoreCache.sizedFor(DATA), EnumSet.of(Workload.STRAND_PASSTHROUGH),
        Path.of("out"), 1024, false, "bin/benchmark", -1, Optional.empty()));
    LatencyResult r = new LatencyResult(20_000, 20_000, 80_000, 80_000, 5, 30, 40, 50, 5, 5, "", Optional.empty(),
        List.of(), Map.of(LatencyProbe.STAGES.get(2), new LatencyResult.Hop(4, 20, 30, 40, 80_000)), 12,
        new LatencyResult.Warmup(5_000, true, List.of()), List.of(12.0, 45.0, 20.0, 18.0));
    results.latency(Workload.STRAND_PASSTHROUGH, LoadPoint.HALF, r, Optional.of(
        new WindowResources.Usage(8, 0.5, 0.4, 0.3, 1000, 1000, 7, 1, 1.25)));

    String md = LatencyReport.render(results);

    String row = md.lines().filter(l -> l.startsWith("| Strand passthrough | " + LoadPoint.HALF.label()))
        .findFirst().orElseThrow(() -> new AssertionError(md));
    assertTrue(row.contains("| 12.0 / 19.0 / 45.0 |"), row);
    String header = md.lines().filter(l -> l.startsWith("| workload | load | offered")).findFirst().orElseThrow();
    assertEquals(header.chars().filter(c -> c == '|').count(), row.chars().filter(c -> c == '|').count(),
        "the row has the header's columns");
    String stages = md.lines().filter(l -> l.startsWith("| Strand passthrough |") && l.contains("0.50 / 0.40"))
        .findFirst().orElseThrow(() -> new AssertionError(md));
    assertTrue(stages.contains("| 0.50 / 0.40 / 0.30 / 1.25 | 7 |"), stages);
    String stagesHeader = md.lines().filter(l -> l.contains("cores job / broker / harness / other")).findFirst()
        .orElseThrow();
    assertEquals(stagesHeader.chars().filter(c -> c == '|').count(), stages.chars().filter(c -> c == '|').count());
  }

  @Test
  void theSustainableMaximumShowsItsStepsAndBothHalfPointsP99() {
    SuiteResults results = new SuiteResults(new SuiteSettings(DATA, 1, Duration.ofSeconds(5), Duration.ofSeconds(8),
        20_000, StoreCache.sizedFor(DATA), EnumSet.of(Workload.STRAND_PASSTHROUGH), Path.of("out"), 1024, false,
        "bin/benchmark", -1, Optional.empty(), true, LatencyOptions.DEFAULTS.withSustainableSearch(true)));
    results.latency(Workload.STRAND_PASSTHROUGH, LoadPoint.HALF, result(188_700, 262, "p50 grew"), Optional.empty());
    results.latency(Workload.STRAND_PASSTHROUGH, LoadPoint.HALF_SUSTAINABLE, result(45_000, 18, ""),
        Optional.empty());
    results.sustainable(Workload.STRAND_PASSTHROUGH, new SustainableMax(377_400, new SustainableSearch.Bracket(20_000, 188_700),
        new SustainableSearch.Outcome(90_000, 97_000, List.of(new SustainableSearch.Step(61_400, "", 5, 20),
            new SustainableSearch.Step(107_000, "p50 grew", 300, 900))), 42));

    String md = LatencyReport.render(results);

    String row = md.lines().filter(l -> l.startsWith("| Strand passthrough | 377,400 |")).findFirst()
        .orElseThrow(() -> new AssertionError(md));
    assertTrue(row.contains("| 61,400 s, 107,000 x | 90,000 | 97,000 | 0.24 | 42 | 262.0 (saturated) | 18.0 |"), row);
    String header = md.lines().filter(l -> l.startsWith("| workload | throughput max")).findFirst().orElseThrow();
    assertEquals(header.chars().filter(c -> c == '|').count(), row.chars().filter(c -> c == '|').count());
    List<String> csv = CsvReport.sustainable(results);
    assertEquals(3, csv.size(), csv::toString);
    assertTrue(csv.get(2).startsWith("STRAND_PASSTHROUGH,377400.000,20000.000,188700.000,90000.000,97000.000,2,"
        + "107000.000,false,"), csv.get(2));
  }

  private static LatencyResult result(double rate, double p99, String saturation) {
    return new LatencyResult(rate, rate, 80_000, 80_000, 5, p99, p99, p99, 5, 5, saturation, Optional.empty(),
        List.of(), Map.of(), 0, new LatencyResult.Warmup(5_000, true, List.of()), List.of());
  }
}
