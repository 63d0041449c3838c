package io.strand.container.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.Partition;
import io.strand.container.TaskName;
import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.model.TaskModel;
import io.strand.container.report.ContainerReport;
import io.strand.container.report.TaskReport;
import io.strand.system.SystemStreamPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The view the status page shows: what a container and its tasks show before their first report,
 * while they report, and once the container has ended; which reports count.
 */
class StatusBoardTest {

  private static final JobModel MODEL = new JobModel("j", "1", "g", List.of(
      new ContainerModel("0", List.of(task(0))), new ContainerModel("1", List.of(task(1)))));

  private static TaskModel task(int p) {
    return new TaskModel(new TaskName("Partition " + p), List.of(new SystemStreamPartition("kafka", "in", p)),
        new Partition(p));
  }

  /** A runner whose container states a test sets. */
  private static final class Runner implements StatusSource {
    final List<ContainerState> states = new ArrayList<>();
    final List<RestartEvent> restarts = new ArrayList<>();

    void set(String id, String state, boolean ended, String process, long startedMs) {
      states.removeIf(s -> s.id().equals(id));
      states.add(new ContainerState(id, state, ended, "host", process, 0, startedMs, "", "logs/" + id));
    }

    @Override
    public JobHeader header() {
      return new JobHeader("j-1", "thread", "", "RUNNING", "", 0, 1);
    }

    @Override
    public List<ContainerState> containers(long nowMs) {
      return List.copyOf(states);
    }

    @Override
    public List<RestartEvent> restarts() {
      return List.copyOf(restarts);
    }
  }

  private static ContainerReport report(String id, String process, long lag, long processed) {
    return new ContainerReport(1, id, process, 0, List.of(new TaskReport("Partition " + id,
        Map.of("kafka.in#" + id, lag), 2, 500L, 0, 0, processed, 10)), "http://h:9/metrics");
  }

  @Test
  void aRunningContainerWithoutAReportShowsNoReportYetAndNoLag() {
    Runner runner = new Runner();
    runner.set("0", "RUNNING", false, "p1", 1_000);
    StatusBoard board = new StatusBoard(MODEL, runner, new ReportHistory());
    JobView view = board.view(5_000);
    ContainerView c = view.containers().get(0);
    assertEquals("RUNNING", c.state());
    assertEquals("no report yet", c.activity());
    assertNull(c.lag());
    assertNull(c.lastReportAgeMs());
    assertEquals(4_000, c.uptimeMs());
    TaskView t = view.tasks().get(0);
    assertEquals("no report yet", t.state());
    assertNull(t.totalLag(), "never a lag of 0 that nobody reported");
    assertNull(t.partitions().get(0).lag());
    assertEquals("REQUESTED", view.containers().get(1).state(), "a container the runner does not know yet");
  }

  @Test
  void aReportingContainerShowsItsLagRateAndLinks() {
    Runner runner = new Runner();
    runner.set("0", "RUNNING", false, "p1", 1_000);
    StatusBoard board = new StatusBoard(MODEL, runner, new ReportHistory(60_000, 1_000));
    assertTrue(board.accept(report("0", "p1", 70, 0), 2_000));
    assertTrue(board.accept(report("0", "p1", 30, 2_000), 4_000));
    JobView view = board.view(4_500);
    ContainerView c = view.containers().get(0);
    assertEquals("reporting", c.activity());
    assertEquals(30L, c.lag());
    assertEquals(1_000.0, c.recordsPerSecond(), 1e-9);
    assertEquals(500L, c.lastReportAgeMs());
    assertEquals("http://h:9/metrics", c.metricsUrl());
    assertEquals("logs/0", c.logUrl());
    TaskView t = view.tasks().get(0);
    assertEquals("running", t.state());
    assertEquals(30L, t.totalLag());
    assertEquals(2, t.commits());
    assertEquals("nothing to restore", t.restore().text());
    assertTrue(view.charts().points() > 0);
    assertEquals("no report for 11 s", board.view(15_000).containers().get(0).activity());
  }

  @Test
  void aReportOfAReplacedProcessDoesNotCount() {
    Runner runner = new Runner();
    runner.set("0", "RUNNING", false, "p1", 1_000);
    StatusBoard board = new StatusBoard(MODEL, runner, new ReportHistory());
    assertTrue(board.accept(report("0", "p1", 70, 0), 2_000));
    runner.set("0", "RUNNING", false, "p2", 3_000); // restarted
    assertFalse(board.accept(report("0", "p1", 5, 0), 3_500), "a late report of the old process");
    assertFalse(board.accept(report("9", "p1", 5, 0), 3_500), "no such container");
    JobView view = board.view(4_000);
    assertEquals("no report yet", view.containers().get(0).activity());
    assertNull(view.tasks().get(0).totalLag());
  }

  @Test
  void theTasksOfAFinishedContainerShowItsEndNotTheirLastLag() {
    Runner runner = new Runner();
    runner.set("0", "RUNNING", false, "p1", 1_000);
    StatusBoard board = new StatusBoard(MODEL, runner, new ReportHistory());
    board.accept(report("0", "p1", 70, 100), 2_000);
    runner.set("0", "FINISHED", true, "p1", 0);
    assertFalse(board.accept(report("0", "p1", 70, 100), 2_500), "no report counts once it ended");
    JobView view = board.view(3_000);
    ContainerView c = view.containers().get(0);
    assertEquals("ended", c.activity());
    assertNull(c.lag());
    assertEquals(0, c.uptimeMs());
    TaskView t = view.tasks().get(0);
    assertEquals("finished", t.state());
    assertNull(t.totalLag());
    assertNull(t.partitions().get(0).lag());
    assertNull(t.recordsPerSecond());
    assertEquals(2, t.commits(), "its counts stay");
    assertNull(c.metricsUrl(), "its endpoint is gone with it");
  }

  @Test
  void onlyHttpEndpointsAndRelativeLogsAreLinks() {
    Runner runner = new Runner();
    runner.set("0", "RUNNING", false, "p1", 1_000);
    StatusBoard board = new StatusBoard(MODEL, runner, new ReportHistory());
    board.accept(new ContainerReport(1, "0", "p1", 0, List.of(), "javascript:alert(1)"), 2_000);
    String html = StatusPage.render(board.view(2_500), false);
    assertFalse(html.contains("javascript:"), html);
    assertTrue(html.contains("<a href=\"logs/0\""), html);
  }

  @Test
  void restartsAreListedNewestFirst() {
    Runner runner = new Runner();
    runner.restarts.add(new RestartEvent(1, "0", "p1", "exited with code 1", true));
    runner.restarts.add(new RestartEvent(2, "0", "p2", "was killed by signal 9 (exit code 137)", true));
    JobView view = new StatusBoard(MODEL, runner, new ReportHistory()).view(3);
    assertEquals(List.of(2L, 1L), view.restarts().stream().map(RestartEvent::timeMs).toList());
  }

  @Test
  void thePageHasTheChartsTheTablesAndTheDataToDraw() {
    Runner runner = new Runner();
    runner.set("0", "RUNNING", false, "p1", 1_000);
    runner.restarts.add(new RestartEvent(1, "0", "p0", "exited with code <1>", true));
    StatusBoard board = new StatusBoard(MODEL, runner, new ReportHistory(60_000, 1_000));
    board.accept(report("0", "p1", 70, 0), 2_000);
    board.accept(report("0", "p1", 30, 2_000), 4_000);
    String html = StatusPage.render(board.view(4_500), false);
    for (String chart : List.of("containerRate", "containerLag", "taskRate", "taskLag")) {
      assertTrue(html.contains("data-chart=\"" + chart + "\""), chart);
    }
    assertTrue(html.contains("<script id=\"chart-data\" type=\"application/json\">{\"times\":[2.0,4.0]"), html);
    assertTrue(html.contains("src=\"static/uPlot.iife.min.js\"") && html.contains("src=\"static/status.js\""));
    assertTrue(html.contains("data-refresh=\"false\""));
    assertTrue(html.contains("<a href=\"http://h:9/metrics\" title=\"http://h:9/metrics\">metrics</a>"), html);
    assertTrue(html.contains("<a href=\"logs/0\" title=\"logs/0\">log</a>"), html);
    assertTrue(html.contains("exited with code &lt;1&gt;"), "text is escaped");
    assertTrue(html.contains("no report yet"), "container 1");
  }
}
