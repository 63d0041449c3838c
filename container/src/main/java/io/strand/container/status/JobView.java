package io.strand.container.status;

import java.util.List;

/**
 * What the status page and {@code /status.json} show: the job, its containers and its tasks.
 * Serialized by Jackson as is (record components become JSON fields; times in epoch ms, durations
 * in ms, lag in records).
 *
 * <p>Threading: an immutable value.
 *
 * @param job {@code <job.name>-<job.id>}
 * @param applicationId the YARN application id
 * @param attempt the AM attempt number, from 1
 * @param state {@code RUNNING}, {@code STOPPING}, or the final status ({@code SUCCEEDED},
 *     {@code KILLED}, {@code FAILED})
 * @param diagnostics why the job failed or is stopping; empty otherwise
 * @param startedMs when this AM attempt started
 * @param generatedMs when this view was made
 * @param containers every container of the job model, by id
 * @param tasks every task, by name
 */
public record JobView(String job, String applicationId, int attempt, String state, String diagnostics,
    long startedMs, long generatedMs, List<ContainerView> containers, List<TaskView> tasks) {

  /** Copies the lists. */
  public JobView {
    containers = List.copyOf(containers);
    tasks = List.copyOf(tasks);
  }
}
