package io.strand.container.runner;

import io.strand.container.progress.JobProgress;
import io.strand.metrics.reporter.MetricsEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * A job handed to a runner, as Samza's {@code StreamJob}: submit it, wait for it, stop it.
 *
 * <p>Threading: implementations are thread-safe; {@link #kill()} and
 * {@link #waitForFinish(long)} may be called from any thread, including a shutdown hook.
 */
public interface StreamJob {

  /**
   * Starts every container and returns at once.
   *
   * @throws IllegalStateException if the job was already submitted
   */
  void submit();

  /**
   * Waits for the job to end.
   *
   * @param timeoutMs the longest wait in ms; 0 or less only looks
   * @return the final status, or {@link JobStatus#RUNNING} if the job has not ended in time
   * @throws IllegalStateException if the job was never submitted
   */
  JobStatus waitForFinish(long timeoutMs);

  /**
   * Asks every container to stop gracefully (in-flight work finishes, final commit, tasks
   * closed) and returns at once; the job then ends {@link JobStatus.State#KILLED}, unless it had
   * already ended. Safe to call more than once and before {@link #submit()}.
   */
  void kill();

  /**
   * The job's status now.
   *
   * @return the status
   */
  JobStatus status();

  /**
   * How far the job has come (records restored and processed, lag), summed over its containers,
   * for a console's progress line.
   *
   * @return the progress now; empty when this runner cannot see it (the default: containers in
   *     other processes)
   */
  default Optional<JobProgress> progress() {
    return Optional.empty();
  }

  /**
   * Where the containers' metrics can be read over HTTP now (their Prometheus endpoints,
   * {@code metrics.reporters}), for tools and tests; each is also logged when its container starts.
   *
   * @return the endpoints of the containers running now and known to this runner; empty (the
   *     default) when the runner cannot see them
   */
  default List<MetricsEndpoint> metricsEndpoints() {
    return List.of();
  }
}
