package io.strand.container.status;

import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.model.TaskModel;
import io.strand.container.report.ContainerReport;
import io.strand.container.report.TaskReport;
import io.strand.system.SystemStreamPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the status page's {@link JobView} from the job model (every container, task and
 * partition), what the runner knows ({@link StatusSource}) and the containers' reports
 * ({@link ReportHistory}). A container's report counts only while it comes from the container's
 * current process: before the new process's first report the container shows {@code no report
 * yet} and its tasks no lag (never a lag of 0 it did not report); once the container has ended its
 * tasks show its end state, not their last lag.
 *
 * <p>Threading: thread-safe (the source and the history are).
 */
public final class StatusBoard {

  /** A report older than this shows as stale ({@code no report for <n> s}), in ms. */
  public static final long STALE_MS = 10 * ContainerReport.INTERVAL_MS;

  private final JobModel model;
  private final StatusSource source;
  private final ReportHistory history;

  /**
   * A board.
   *
   * @param model the job model
   * @param source the runner's side
   * @param history the reports
   */
  public StatusBoard(JobModel model, StatusSource source, ReportHistory history) {
    this.model = model;
    this.source = source;
    this.history = history;
  }

  /**
   * The job model shown.
   *
   * @return the model
   */
  public JobModel model() {
    return model;
  }

  /**
   * Records a report when it comes from the current process of a known container that has not
   * ended; drops it otherwise (a replaced process's late report).
   *
   * @param report the report
   * @param receivedMs when it arrived, in epoch ms
   * @return whether it was recorded
   */
  public boolean accept(ContainerReport report, long receivedMs) {
    for (ContainerState c : source.containers(receivedMs)) {
      if (c.id().equals(report.containerId())) {
        if (c.ended() || !c.processId().equals(report.yarnContainerId())) {
          return false;
        }
        history.record(report, receivedMs);
        return true;
      }
    }
    return false;
  }

  /**
   * The view now.
   *
   * @param nowMs the time, in epoch ms
   * @return the view
   */
  public JobView view(long nowMs) {
    JobHeader header = source.header();
    Map<String, ContainerState> states = new HashMap<>();
    source.containers(nowMs).forEach(c -> states.put(c.id(), c));
    List<ContainerView> containers = new ArrayList<>();
    List<TaskView> tasks = new ArrayList<>();
    for (ContainerModel container : model.containers()) {
      ContainerState state = states.getOrDefault(container.id(),
          new ContainerState(container.id(), "REQUESTED", false, "", "", 0, 0, "", ""));
      Optional<ContainerReport> latest = history.latest(container.id())
          .filter(r -> r.yarnContainerId().equals(state.processId()));
      ContainerReport report = state.ended() ? null : latest.orElse(null);
      Long reportAge = latest.isEmpty() ? null : history.latestAtMs(container.id()).map(t -> nowMs - t).orElse(null);
      double rateSum = 0;
      boolean anyRate = false;
      long lagSum = 0;
      boolean anyLag = false;
      for (TaskModel task : container.tasks()) {
        TaskView view = task(container.id(), task, state, report, latest.orElse(null));
        tasks.add(view);
        if (view.recordsPerSecond() != null) {
          rateSum += view.recordsPerSecond();
          anyRate = true;
        }
        if (view.totalLag() != null) {
          lagSum += view.totalLag();
          anyLag = true;
        }
      }
      String activity = state.ended() ? "ended"
          : report == null ? "no report yet"
          : reportAge != null && reportAge > STALE_MS ? "no report for " + reportAge / 1000 + " s" : "reporting";
      containers.add(new ContainerView(container.id(), state.processId(), state.host(), state.state(), activity,
          state.restarts(), state.startedMs() > 0 && !state.ended() ? Math.max(0, nowMs - state.startedMs()) : 0,
          state.lastExit(), container.tasks().size(), reportAge, anyRate ? rateSum : null, anyLag ? lagSum : null,
          state.ended() ? null : latest.map(ContainerReport::metricsUrl).orElse(null), state.logUrl()));
    }
    List<RestartEvent> restarts = new ArrayList<>(source.restarts());
    java.util.Collections.reverse(restarts);
    return new JobView(header.job(), header.runner(), header.detail(), header.attempt(), header.state(), header.diagnostics(),
        header.startedMs(), nowMs, containers, tasks, restarts, history.commits(), history.charts(nowMs));
  }

  /**
   * One task: live numbers from {@code report} (the current process's, null once the container
   * ended); counts (commits, restore) from {@code last}, the current process's latest report even
   * after the end.
   */
  private TaskView task(String containerId, TaskModel task, ContainerState state, ContainerReport report,
      ContainerReport last) {
    String name = task.taskName().toString();
    TaskReport live = find(report, name);
    TaskReport counts = find(last, name);
    List<PartitionLag> partitions = new ArrayList<>();
    long total = 0;
    boolean known = false;
    for (SystemStreamPartition ssp : task.inputs()) {
      Long lag = live == null ? null : live.lag().get(ssp.toString());
      if (lag != null) {
        total += Math.max(0, lag);
        known = true;
      }
      partitions.add(new PartitionLag(ssp.toString(), lag));
    }
    String taskState = state.ended() ? state.state().split(" ", 2)[0].toLowerCase(Locale.ROOT)
        : live == null ? "no report yet" : "running";
    Double rate = live == null ? null : history.processedRate(containerId, name).orElse(null);
    RestoreView restore;
    if (counts == null) {
      restore = new RestoreView(0, null, null, state.ended() ? "" : "no report yet");
    } else {
      boolean running = !counts.lag().isEmpty() || counts.processed() > 0 || state.ended();
      Double restoreRate = running || live == null ? null : history.restoreRate(containerId, name).orElse(null);
      restore = RestoreView.of(counts.restoredRecords(), counts.restoreTotalRecords(), restoreRate, running);
    }
    return new TaskView(name, containerId, taskState, known ? total : null, partitions, rate,
        counts == null ? 0 : counts.commits(), counts == null ? null : counts.lastCommitMs(),
        counts == null ? 0 : counts.restoredRecords(), counts == null ? 0 : counts.restoreTotalRecords(), restore);
  }

  private static TaskReport find(ContainerReport report, String task) {
    if (report == null) {
      return null;
    }
    return report.tasks().stream().filter(t -> t.taskName().equals(task)).findFirst().orElse(null);
  }
}
