package io.strand.container.status;

import java.util.List;

/**
 * What the status page and {@code /status.json} show: the job, its containers, its tasks, the ends
 * of container processes, the recent commits and the charts' series. Serialized by Jackson as is
 * (record components become JSON fields; times in epoch ms, durations in ms, lag in records, rates
 * in records per second).
 *
 * <p>Threading: an immutable value.
 *
 * @param job {@code <job.name>-<job.id>}
 * @param runner {@code thread}, {@code process} or {@code yarn}
 * @param detail where it runs (for example the YARN application and AM attempt), or empty
 * @param attempt the YARN application master's attempt, from 1; 1 under the local runners
 * @param state {@code RUNNING}, {@code STOPPING}, or the final status ({@code SUCCEEDED},
 *     {@code KILLED}, {@code FAILED})
 * @param diagnostics why the job failed or is stopping; empty otherwise
 * @param startedMs when the runner (or this AM attempt) started
 * @param generatedMs when this view was made
 * @param containers every container of the job model, by id
 * @param tasks every task, by container then name
 * @param restarts container processes that ended before their container was done, newest first
 * @param commits the latest commits, newest first
 * @param charts records per second and lag over the last minutes
 */
public record JobView(String job, String runner, String detail, int attempt, String state, String diagnostics,
    long startedMs, long generatedMs, List<ContainerView> containers, List<TaskView> tasks,
    List<RestartEvent> restarts, List<CommitEntry> commits, ChartData charts) {

  /** Copies the lists. */
  public JobView {
    containers = List.copyOf(containers);
    tasks = List.copyOf(tasks);
    restarts = List.copyOf(restarts);
    commits = List.copyOf(commits);
  }
}
