package io.strand.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.benchmarks.report.LoadPoint;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.Workload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The smoke test CI runs in {@code mvn verify}: the whole quick suite ({@code --quick}: every quick
 * workload, one round, its latency runs) against a real broker in its own JVM, every workload in a
 * fresh JVM, on 50 k records and 1 s latency points (the low point 0.5 s) instead of the quick
 * suite's 500 k and 5 s: the checks below look at the harness, not the numbers, and the smaller run
 * keeps CI short (200 k and 2 s took 280 s of a 29 min CI build, 100 k and 1 s 238 s, most of it JVM
 * starts, warm-ups and the settling between latency runs, which do not shrink with the input; 50 k
 * still gives every key of the 10 k key space five counts on average). It
 * fails only when the harness breaks — a run that fails, a count that differs between the engines
 * and the loader (the exactly-once rows included, read {@code read_committed}), a restore that
 * rebuilt the wrong state, a report that is not written — and never on the numbers measured.
 */
class QuickSuiteIT {

  @Test
  void theQuickSuiteRunsEveryWorkloadAndWritesItsReports() throws Exception {
    Path out = Path.of("target", "quick-benchmark").toAbsolutePath();

    int exit = BenchmarkCommand.execute("--quick", "--records", "50000", "--latency-seconds", "1",
        "--out", out.toString());

    String report = Files.readString(out.resolve("results.md"), StandardCharsets.UTF_8);
    assertEquals(0, exit, () -> "the quick suite failed; its report:\n" + report);
    for (Workload w : Workload.values()) {
      if (!w.inQuickSuite()) {
        continue;
      }
      assertTrue(report.contains("| " + w.label() + " |"), () -> "no row for " + w.label() + " in\n" + report);
      if (w.exactlyOnce()) {
        // Read read_committed: one output per input record (passthrough), every count 1..n once (count).
        assertTrue(report.contains("- ok   " + w.label() + ": "), () -> "no exactly-once check for " + w.label());
      }
      if (w.hasLatency()) {
        assertTrue(report.contains("| " + w.label() + " | " + LoadPoint.HALF.label() + " |"),
            () -> "no 50 % latency row for " + w.label() + " in\n" + report);
        // --quick never searches the sustainable maximum (CI's time).
        assertTrue(!report.contains("| " + w.label() + " | " + LoadPoint.HALF_SUSTAINABLE.label() + " |"),
            () -> "a sustainable-maximum point in the quick suite for " + w.label());
      }
      if (w.kind() == Kind.RESTORE) {
        // Both engines restored the one harness-written changelog and were checked on sampled keys.
        assertTrue(report.contains("- ok   " + w.label() + " round 1: "), () -> "no restore check for " + w.label());
      }
    }
    assertTrue(report.contains("| exactly-once stateful count | 100 ms |"), () -> "no exactly-once ratios in\n"
        + report);
    for (String file : List.of("runs.csv", "latency.csv", "throughput.png", "ratios.png", "latency.png")) {
      assertTrue(Files.size(out.resolve(file)) > 0, file + " is empty");
    }
    List<String> runs = Files.readAllLines(out.resolve("runs.csv"), StandardCharsets.UTF_8);
    assertTrue(runs.size() > 1, "runs.csv has no runs");
  }
}
