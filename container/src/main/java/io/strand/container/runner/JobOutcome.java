package io.strand.container.runner;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The final status of a job, set once by the runner's supervising thread and awaited by callers
 * of {@link StreamJob#waitForFinish}. Shared by the thread and process runners so both wait the
 * same way.
 *
 * <p>Threading: thread-safe; {@link #complete} may be called from any thread, the first call wins.
 */
final class JobOutcome {

  private final CompletableFuture<JobStatus> finished = new CompletableFuture<>();

  /**
   * Sets the final status unless one is set already.
   *
   * @param status a final status (not RUNNING)
   */
  void complete(JobStatus status) {
    finished.complete(status);
  }

  /**
   * Whether the job has ended.
   *
   * @return true once a final status is set
   */
  boolean isDone() {
    return finished.isDone();
  }

  /**
   * The final status, or RUNNING while the job runs.
   *
   * @return the status now
   */
  JobStatus now() {
    return finished.getNow(JobStatus.RUNNING);
  }

  /**
   * Waits for the final status.
   *
   * @param timeoutMs how long to wait, in ms (negative counts as 0)
   * @return the final status, or RUNNING if the job has not ended in time or the waiting thread
   *     was interrupted (its interrupt status is kept)
   */
  JobStatus await(long timeoutMs) {
    try {
      return finished.get(Math.max(0, timeoutMs), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return JobStatus.RUNNING;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return now();
    } catch (ExecutionException e) {
      throw new IllegalStateException("unreachable: the status is never completed exceptionally", e);
    }
  }
}
