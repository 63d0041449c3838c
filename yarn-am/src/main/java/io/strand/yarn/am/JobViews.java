package io.strand.yarn.am;

import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.model.TaskModel;
import io.strand.system.SystemStreamPartition;
import io.strand.container.status.JobView;
import io.strand.container.status.PartitionLag;
import io.strand.container.status.TaskView;
import io.strand.container.report.ContainerReport;
import io.strand.container.report.TaskReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes the status page's {@link JobView} from the job model (every task and its partitions), the
 * supervisor (containers) and the containers' latest reports (lag, commits, restore).
 *
 * <p>Threading: thread-safe; each call reads the supervisor under its lock.
 */
final class JobViews {

  private final JobModel model;
  private final String applicationId;
  private final int attempt;
  private final long startedMs;
  private final ContainerSupervisor supervisor;
  private final Supplier<String> state;
  private final Supplier<String> diagnostics;

  JobViews(JobModel model, String applicationId, int attempt, long startedMs, ContainerSupervisor supervisor,
      Supplier<String> state, Supplier<String> diagnostics) {
    this.model = model;
    this.applicationId = applicationId;
    this.attempt = attempt;
    this.startedMs = startedMs;
    this.supervisor = supervisor;
    this.state = state;
    this.diagnostics = diagnostics;
  }

  JobView build(long nowMs) {
    Map<String, ContainerReport> reports = supervisor.latestReports();
    List<TaskView> tasks = new ArrayList<>();
    for (ContainerModel container : model.containers()) {
      ContainerReport report = reports.get(container.id());
      for (TaskModel task : container.tasks()) {
        String name = task.taskName().toString();
        TaskReport taskReport = report == null ? null
            : report.tasks().stream().filter(t -> t.taskName().equals(name)).findFirst().orElse(null);
        List<PartitionLag> partitions = new ArrayList<>();
        long total = 0;
        for (SystemStreamPartition ssp : task.inputs()) {
          Long lag = taskReport == null ? null : taskReport.lag().get(ssp.toString());
          total += lag == null ? 0 : lag;
          partitions.add(new PartitionLag(ssp.toString(), lag));
        }
        tasks.add(taskReport == null ? new TaskView(name, container.id(), total, partitions, 0, null, 0, 0)
            : new TaskView(name, container.id(), total, partitions, taskReport.commits(), taskReport.lastCommitMs(),
                taskReport.restoredRecords(), taskReport.restoreTotalRecords()));
      }
    }
    return new JobView(model.jobName() + "-" + model.jobId(), applicationId, attempt, state.get(), diagnostics.get(),
        startedMs, nowMs, supervisor.containerViews(nowMs), tasks);
  }
}
