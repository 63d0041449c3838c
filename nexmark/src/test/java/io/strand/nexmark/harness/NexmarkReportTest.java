package io.strand.nexmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.nexmark.engine.WorkerResult;
import io.strand.nexmark.query.Query;
import java.util.List;
import org.junit.jupiter.api.Test;

class NexmarkReportTest {

  private static RunRecord run(int round, String engine, Query q, double recordsPerSecond, double cpuNsPerRecord,
      String status) {
    return new RunRecord(round, new WorkerResult(engine, q.id(), status, "", 1_000_000, 10, recordsPerSecond,
        cpuNsPerRecord, 1L << 30, 100), "same");
  }

  @Test
  void perCoreIsTheOtherEnginesMedianCpuPerRecordOverStrands() {
    List<RunRecord> runs = List.of(
        // Strand: fewer records/s than Flink at parallelism 1, but less CPU per record.
        run(1, "strand", Query.Q7, 180_000, 9_000, "ok"),
        run(2, "strand", Query.Q7, 170_000, 10_000, "ok"),
        run(3, "strand", Query.Q7, 175_000, 8_000, "ok"),
        run(1, "flink", Query.Q7, 190_000, 12_000, "ok"),
        run(2, "flink", Query.Q7, 200_000, 11_000, "ok"),
        run(3, "flink", Query.Q7, 195_000, 99_000, "failed"), // a failed run's figures are not counted
        run(1, "flink", Query.Q5, 100_000, 15_000, "ok"));
    // medians: Strand 9,000 ns, Flink 11,500 ns (its two runs that succeeded)
    assertEquals("1.28×", NexmarkReport.perCoreRatio(runs, Query.Q7, "flink"));
    assertEquals("-", NexmarkReport.perCoreRatio(runs, Query.Q5, "flink"), "no Strand run of q5: no ratio");
  }
}
