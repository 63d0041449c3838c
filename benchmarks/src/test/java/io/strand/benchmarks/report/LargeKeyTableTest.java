package io.strand.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The second table of the report: 1 M keys, Zipf 1.0 (issue 17). Pure logic, no broker. */
class LargeKeyTableTest {

  private static final DataSpec DEFAULT = new DataSpec(5_000_000, 10_000, 0, 100, 8, 100_000, 42);

  @Test
  void theSecondTableRunsTheCountsAndTheirRawCeilingOnOneMillionZipfKeysOfTheSameRecords() {
    SuiteSettings s = settings(EnumSet.allOf(Workload.class), SuiteSettings.largeKeysFor(DEFAULT));

    SuiteSettings large = s.largeKeyTable().orElseThrow();

    assertEquals(new DataSpec(5_000_000, 1_000_000, 1.0, 100, 8, 100_000, 42), large.data());
    assertEquals(Set.of(Workload.RAW_PASSTHROUGH, Workload.STRAND_COUNT, Workload.KAFKA_STREAMS_COUNT),
        large.workloads());
    assertEquals(StoreCache.sizedFor(large.data()), large.storeCache(), "cache sized for the large key space");
    assertEquals(s.rounds(), large.rounds());
    assertFalse(large.measuresLatency());
    assertTrue(large.largeKeyTable().isEmpty(), "no third table");
  }

  @Test
  void noSecondTableWhenTheFirstIsThatKeySpaceOrStrandsCountDoesNotRun() {
    DataSpec already = new DataSpec(3_000_000, 1_000_000, 1.0, 100, 8, 100_000, 42);
    assertTrue(SuiteSettings.largeKeysFor(already).isEmpty());
    assertTrue(settings(EnumSet.of(Workload.RAW_PASSTHROUGH, Workload.STRAND_PASSTHROUGH),
        SuiteSettings.largeKeysFor(DEFAULT)).largeKeyTable().isEmpty());
    assertTrue(settings(EnumSet.allOf(Workload.class), Optional.empty()).largeKeyTable().isEmpty());
    assertTrue(new SuiteResults(settings(EnumSet.allOf(Workload.class), Optional.empty())).largeKeys().isEmpty());
  }

  @Test
  void theReportShowsTheSecondTableWithItsRatiosAgainstTheTargetsAndItsFailuresFailTheSuite() {
    SuiteResults results = new SuiteResults(settings(EnumSet.of(Workload.RAW_PASSTHROUGH, Workload.STRAND_COUNT,
        Workload.KAFKA_STREAMS_COUNT), SuiteSettings.largeKeysFor(DEFAULT)));
    add(results, Workload.STRAND_COUNT, 1_000_000);
    SuiteResults large = results.largeKeys().orElseThrow();
    add(large, Workload.RAW_PASSTHROUGH, 700_000);
    add(large, Workload.STRAND_COUNT, 420_000);
    add(large, Workload.KAFKA_STREAMS_COUNT, 140_000);
    large.check("ok   Strand stateful count: 100 sampled keys, final counts equal the loader's expectation");

    String md = MarkdownReport.render(results, List.of());

    assertTrue(md.contains("## 1,000,000 keys, Zipf 1.0"), md);
    assertTrue(md.contains("| Strand stateful count | 420,000 |"), md);
    assertTrue(md.contains("| stateful count (raw = raw passthrough) | 0.60x | >= 0.50x met | 3.00x | >= 2.00x met |"),
        md);
    assertTrue(md.indexOf("Strand stateful count | 420,000") > md.indexOf("## 1,000,000 keys"), "in the second table");
    assertFalse(results.anyFailure());

    large.check("FAIL Strand stateful count: key 7 counted 3, expected 4");
    assertTrue(results.anyFailure(), "a failed check of the second table fails the suite");
  }

  private static SuiteSettings settings(Set<Workload> workloads, Optional<DataSpec> largeKeys) {
    return new SuiteSettings(DEFAULT, 3, Duration.ofSeconds(5), Duration.ofSeconds(10), 20_000,
        StoreCache.sizedFor(DEFAULT), workloads, Path.of("out"), 1024, false, "bin/benchmark", -1, largeKeys);
  }

  /** One successful run of {@code records} records in one second. */
  private static void add(SuiteResults results, Workload w, long records) {
    results.add(new Measurement(w, 1, new WorkerResult(w.name(), true, null, records, 1_000_000_000L, 1,
        1_000_000_000L, 1, Path.of("log"))));
  }
}
