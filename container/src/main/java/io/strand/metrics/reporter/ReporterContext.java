package io.strand.metrics.reporter;

import io.strand.container.job.JobIdentity;
import java.util.Objects;

/**
 * Which job and container a {@link MetricsReporter} reports for.
 *
 * <p>Threading: an immutable value.
 *
 * @param job {@code job.name} and {@code job.id}
 * @param containerId the container's id in the job model
 * @param host the name of the host the container runs on
 * @param execEnvContainerId the container's id in its execution environment (the YARN container
 *     id), or empty
 */
public record ReporterContext(JobIdentity job, String containerId, String host, String execEnvContainerId) {

  /**
   * Checks the parts are present.
   *
   * @throws NullPointerException if any is null
   */
  public ReporterContext {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(execEnvContainerId, "execEnvContainerId");
  }

  /**
   * The container for log lines.
   *
   * @return {@code Job <name>-<id>: container <id>}
   */
  public String label() {
    return "Job " + job.name() + "-" + job.id() + ": container " + containerId;
  }
}
