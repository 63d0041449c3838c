package io.strand.container.runner;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status of a job run by the thread or the process runner, kept the same way for both: the
 * job is submitted once; each container's supervising thread reports its failure (the first one
 * is the job's cause) and its end; a stop may be requested; when the last container has ended the
 * final status is set (FAILED with the first failure, else KILLED when a stop was requested, else
 * SUCCEEDED), logged once, and handed to callers of {@link StreamJob#waitForFinish}.
 *
 * <p>Threading: thread-safe; any method may be called from any thread. The final status is set
 * once.
 */
final class JobOutcome {

  private static final Logger LOG = LoggerFactory.getLogger(JobOutcome.class);

  private final String jobLabel;
  private final CompletableFuture<JobStatus> finished = new CompletableFuture<>();
  private final AtomicInteger remaining = new AtomicInteger();
  private volatile boolean killRequested;
  private volatile String failure;
  private boolean submitted;

  /**
   * Creates the outcome of a job not yet submitted.
   *
   * @param jobLabel {@code <job name>-<job id>}, for messages
   */
  JobOutcome(String jobLabel) {
    this.jobLabel = jobLabel;
  }

  /**
   * Records the submission.
   *
   * @param containers how many containers will report their end
   * @throws IllegalStateException if the job was already submitted
   */
  synchronized void submitted(int containers) {
    if (submitted) {
      throw new IllegalStateException("job " + jobLabel + " was already submitted");
    }
    submitted = true;
    remaining.set(containers);
  }

  /**
   * Records a container's failure; only the first one becomes the job's cause.
   *
   * @param cause one line naming the container
   */
  synchronized void fail(String cause) {
    if (failure == null) {
      failure = cause;
    }
  }

  /**
   * Whether a container has failed.
   *
   * @return true once {@link #fail} was called
   */
  boolean hasFailed() {
    return failure != null;
  }

  /**
   * Records a stop request, unless the job has ended.
   *
   * @return true if recorded (the caller then stops the containers), false if the job had ended
   */
  boolean requestKill() {
    if (finished.isDone()) {
      return false;
    }
    killRequested = true;
    return true;
  }

  /**
   * Whether a stop was requested.
   *
   * @return true after a successful {@link #requestKill()}
   */
  boolean isKillRequested() {
    return killRequested;
  }

  /** Records that one container has ended for good; the last one sets and logs the final status. */
  void containerEnded() {
    containerEnded(() -> { });
  }

  /**
   * Records that one container has ended for good; the last one runs {@code atJobEnd}, then sets
   * and logs the final status (so what {@code atJobEnd} logs comes before it).
   *
   * @param atJobEnd what the job does once every container has ended, on the last one's thread
   */
  void containerEnded(Runnable atJobEnd) {
    if (remaining.decrementAndGet() == 0) {
      atJobEnd.run();
      JobStatus status = failure != null ? JobStatus.failed(failure)
          : killRequested ? JobStatus.KILLED : JobStatus.SUCCEEDED;
      // The cause goes to whoever reads the status (run-job's last line), not a second time here.
      LOG.info("Job {}: {}", jobLabel, status.state());
      finished.complete(status);
    }
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
   * @throws IllegalStateException if the job was never submitted
   */
  JobStatus await(long timeoutMs) {
    synchronized (this) {
      if (!submitted) {
        throw new IllegalStateException("job " + jobLabel + " was never submitted");
      }
    }
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
