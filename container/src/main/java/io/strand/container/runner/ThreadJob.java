package io.strand.container.runner;

import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.progress.JobProgress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job whose containers all run as threads of this JVM (local mode). The first container that
 * fails fails the job: the others are asked to stop and the job ends {@code FAILED} with that
 * container's error once they have. There is no restart in this mode. The error is reported once,
 * by whoever reads the final {@link JobStatus} (run-job prints it as its last line); the log has
 * the lifecycle (container failed, job FAILED) at INFO and the stack trace at DEBUG.
 *
 * <p>Threading: thread-safe. One thread per container ({@code strand-<job>-container-<id>}, not a
 * daemon); the last container thread to end completes the job's status.
 */
final class ThreadJob implements StreamJob {

  private static final Logger LOG = LoggerFactory.getLogger(ThreadJob.class);

  private final JobModel model;
  private final Function<String, RunnableContainer> containers;
  private final Map<String, RunnableContainer> running = new LinkedHashMap<>();
  private final JobOutcome finished = new JobOutcome();
  private final AtomicInteger remaining = new AtomicInteger();
  private volatile boolean killRequested;
  private volatile String firstFailure;
  private boolean submitted;

  /**
   * Prepares the job.
   *
   * @param model the job model to run
   * @param containers makes the container of an id; called on {@link #submit()}
   */
  ThreadJob(JobModel model, Function<String, RunnableContainer> containers) {
    this.model = model;
    this.containers = containers;
  }

  @Override
  public synchronized void submit() {
    if (submitted) {
      throw new IllegalStateException("job " + jobLabel() + " was already submitted");
    }
    submitted = true;
    List<Thread> threads = new ArrayList<>();
    remaining.set(model.containers().size());
    for (ContainerModel container : model.containers()) {
      RunnableContainer c;
      try {
        c = containers.apply(container.id());
      } catch (RuntimeException e) {
        // Nothing has started yet for this one; count it as failed so the job still ends.
        containerEnded(container.id(), e);
        continue;
      }
      running.put(container.id(), c);
      Thread thread = new Thread(() -> runContainer(container.id(), c),
          "strand-" + model.jobName() + "-container-" + container.id());
      threads.add(thread);
    }
    LOG.info("Job {}: starting {} container(s) as threads of this JVM", jobLabel(), threads.size());
    if (killRequested || firstFailure != null) {
      running.values().forEach(RunnableContainer::stop);
    }
    threads.forEach(Thread::start);
  }

  private void runContainer(String id, RunnableContainer container) {
    LOG.info("Job {}: container {} started ({} task(s))", jobLabel(), id,
        model.container(id).map(c -> c.tasks().size()).orElse(0));
    RuntimeException failure = null;
    try {
      container.run();
    } catch (RuntimeException e) {
      failure = e;
    }
    containerEnded(id, failure);
  }

  private void containerEnded(String id, RuntimeException failure) {
    if (failure != null) {
      String cause = "container " + id + " failed: " + failure.getMessage();
      synchronized (this) {
        if (firstFailure == null) {
          firstFailure = cause;
        }
      }
      LOG.info("Job {}: container {} failed{}", jobLabel(), id,
          model.containers().size() > 1 ? "; stopping the other containers" : "");
      LOG.debug("Job {}: container {} failure", jobLabel(), id, failure);
      stopAll();
    } else {
      LOG.info("Job {}: container {} finished", jobLabel(), id);
    }
    if (remaining.decrementAndGet() == 0) {
      JobStatus status = firstFailure != null ? JobStatus.failed(firstFailure)
          : killRequested ? JobStatus.KILLED : JobStatus.SUCCEEDED;
      LOG.info("Job {}: {}", jobLabel(), status.state());
      finished.complete(status);
    }
  }

  @Override
  public JobStatus waitForFinish(long timeoutMs) {
    synchronized (this) {
      if (!submitted) {
        throw new IllegalStateException("job " + jobLabel() + " was never submitted");
      }
    }
    return finished.await(timeoutMs);
  }

  @Override
  public void kill() {
    if (!finished.isDone()) {
      killRequested = true;
      LOG.info("Job {}: stop requested", jobLabel());
      stopAll();
    }
  }

  @Override
  public JobStatus status() {
    return finished.now();
  }

  /** Sums the progress of the containers started so far (read from their meters). */
  @Override
  public Optional<JobProgress> progress() {
    List<RunnableContainer> all;
    synchronized (this) {
      all = List.copyOf(running.values());
    }
    return Optional.of(all.stream().map(RunnableContainer::progress).reduce(JobProgress.STARTING, JobProgress::plus));
  }

  private void stopAll() {
    List<RunnableContainer> toStop;
    synchronized (this) {
      toStop = List.copyOf(running.values());
    }
    toStop.forEach(RunnableContainer::stop);
  }

  private String jobLabel() {
    return model.jobName() + "-" + model.jobId();
  }
}
