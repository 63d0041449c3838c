package io.strand.container.runner;

import io.strand.container.metrics.BadInputCounts;
import io.strand.container.progress.JobProgress;
import io.strand.container.report.ContainerReport;
import java.util.Optional;
import io.strand.metrics.reporter.MetricsEndpoint;
import java.util.List;

/**
 * What the thread runner needs of a container: run until done, stop on request. The production
 * implementation adapts {@link io.strand.container.assembly.StreamContainer}; tests of the runner's own
 * logic pass simple fakes.
 *
 * <p>Threading: {@link #run()} is called on the container's own thread; {@link #stop()} from any
 * thread.
 */
interface RunnableContainer {

  /**
   * Runs the container until it finishes by itself or {@link #stop()} is called.
   *
   * @throws RuntimeException if the container failed
   */
  void run();

  /** Asks for a graceful stop and returns at once. */
  void stop();

  /**
   * How far the container has come; kept as it ended once it has.
   *
   * @return the progress now ({@link JobProgress#STARTING} unless the container reports it)
   */
  default JobProgress progress() {
    return JobProgress.STARTING;
  }

  /**
   * The undeserializable input the container has skipped and dead-lettered; kept as it ended once
   * it has.
   *
   * @return the counts now ({@link BadInputCounts#NONE} unless the container reports them)
   */
  default BadInputCounts badInput() {
    return BadInputCounts.NONE;
  }

  /**
   * The container's report for the status page, read from its meters; called from one poller
   * thread.
   *
   * @param nowMs the time, in epoch ms
   * @return the report, empty unless the container makes them
   */
  default Optional<ContainerReport> report(long nowMs) {
    return Optional.empty();
  }

  /**
   * Where the container's metrics can be read over HTTP.
   *
   * @return its reporters' endpoints (none unless the container reports them)
   */
  default List<MetricsEndpoint> metricsEndpoints() {
    return List.of();
  }
}
