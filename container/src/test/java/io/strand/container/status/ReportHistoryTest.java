package io.strand.container.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.container.report.ContainerReport;
import io.strand.container.report.TaskReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report history's bounds, rates, chart series and commit entries. */
class ReportHistoryTest {

  /** A report of container 0 with one task: its processed count, lag, commits and commit time. */
  static ContainerReport report(String container, String process, long processed, long lag, long commits,
      double commitMs) {
    return new ContainerReport(1, container, process, 0, List.of(new TaskReport("Partition " + container,
        Map.of("kafka.in#" + container, lag), commits, commits == 0 ? null : 1_000L + commits, 0, 0, processed,
        commitMs)), null);
  }

  @Test
  void keepsOneReportPerStepWithinTheWindowAndTheLatestAlways() {
    ReportHistory history = new ReportHistory(10_000, 2_000);
    for (long t = 0; t <= 30_000; t += 1_000) {
      history.record(report("0", "p1", t, 100, 0, 0), t);
    }
    ChartData charts = history.charts(30_000);
    // Kept: every 2 s within the last 10 s (20, 22, ... 30 s): 6 points.
    assertEquals(List.of(20.0, 22.0, 24.0, 26.0, 28.0, 30.0), charts.times());
    assertEquals(30_000L, history.latest("0").orElseThrow().tasks().get(0).processed());
    assertEquals(30_000L, history.latestAtMs("0").orElseThrow());
  }

  @Test
  void ratesAreRecordsPerSecondBetweenKeptReportsOfTheSameProcess() {
    ReportHistory history = new ReportHistory(60_000, 1_000);
    history.record(report("0", "p1", 0, 500, 0, 0), 1_000);
    history.record(report("0", "p1", 2_000, 300, 0, 0), 3_000); // 1,000 records/s
    history.record(report("0", "p1", 5_000, 100, 0, 0), 4_000); // 3,000 records/s
    ChartData charts = history.charts(4_000);
    assertEquals(List.of(1.0, 3.0, 4.0), charts.times());
    assertEquals(java.util.Arrays.asList(null, 1_000.0, 3_000.0), charts.taskRate().get("Partition 0"));
    assertEquals(List.of(500.0, 300.0, 100.0), charts.taskLag().get("Partition 0"));
    assertEquals(java.util.Arrays.asList(null, 1_000.0, 3_000.0), charts.containerRate().get("container 0"));
    assertEquals(5_000 * 1000.0 / 3_000, history.processedRate("0", "Partition 0").orElseThrow(), 1e-9);
  }

  @Test
  void aNewProcessStartsItsRatesAfreshWithAGapNotANegativeRate() {
    ReportHistory history = new ReportHistory(60_000, 1_000);
    history.record(report("0", "p1", 9_000, 10, 0, 0), 1_000);
    history.record(report("0", "p1", 10_000, 10, 0, 0), 2_000);
    history.record(report("0", "p2", 0, 50, 0, 0), 3_000); // restarted: counts from 0
    history.record(report("0", "p2", 500, 40, 0, 0), 4_000);
    List<Double> rates = history.charts(4_000).taskRate().get("Partition 0");
    assertEquals(java.util.Arrays.asList(null, 1_000.0, null, 500.0), rates);
    assertTrue(rates.stream().allMatch(r -> r == null || r >= 0));
    assertEquals(500.0, history.processedRate("0", "Partition 0").orElseThrow(), 1e-9);
  }

  @Test
  void noRateFromASingleReport() {
    ReportHistory history = new ReportHistory();
    history.record(report("0", "p1", 100, 10, 0, 0), 1_000);
    assertTrue(history.processedRate("0", "Partition 0").isEmpty());
    assertTrue(history.processedRate("1", "Partition 1").isEmpty());
    assertNull(history.charts(1_000).taskRate().get("Partition 0"));
  }

  @Test
  void commitsBetweenTwoReportsBecomeOneEntryWithTheirMeanDuration() {
    ReportHistory history = new ReportHistory();
    history.record(report("0", "p1", 0, 0, 1, 40), 1_000);
    history.record(report("0", "p1", 0, 0, 3, 100), 2_000); // 2 commits, 60 ms together
    history.record(report("0", "p1", 0, 0, 3, 100), 3_000); // none
    history.record(report("0", "p2", 0, 0, 1, 10), 4_000); // a new process: not a commit of the old one
    List<CommitEntry> commits = history.commits();
    assertEquals(1, commits.size(), commits::toString);
    assertEquals(new CommitEntry(1_003, "0", 1, 2, 30.0), commits.get(0));
  }

  @Test
  void keepsTheLatestCommitsOnly() {
    ReportHistory history = new ReportHistory();
    for (int i = 0; i <= ReportHistory.MAX_COMMITS + 10; i++) {
      history.record(report("0", "p1", 0, 0, i, i), 1_000 + i);
    }
    assertEquals(ReportHistory.MAX_COMMITS, history.commits().size());
    assertEquals(ReportHistory.MAX_COMMITS + 10L + 1_000, history.commits().get(0).timeMs(), "newest first");
  }

  @Test
  void seriesAreInNaturalOrderOfTheirNames() {
    ReportHistory history = new ReportHistory();
    for (String id : List.of("10", "2", "1")) {
      history.record(report(id, "p", 0, 1, 0, 0), 1_000);
    }
    assertEquals(List.of("Partition 1", "Partition 2", "Partition 10"),
        new ArrayList<>(history.charts(1_000).taskLag().keySet()));
    assertTrue(ReportHistory.compareNatural("a01", "a1") != 0);
  }

  @Test
  void rejectsAStepLongerThanTheWindow() {
    assertThrows(IllegalArgumentException.class, () -> new ReportHistory(1_000, 2_000));
    assertThrows(IllegalArgumentException.class, () -> new ReportHistory(1_000, 0));
  }
}
