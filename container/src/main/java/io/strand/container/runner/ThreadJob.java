package io.strand.container.runner;

import io.strand.container.input.BadMessagePolicy;
import io.strand.container.input.InputDecoder;
import io.strand.container.metrics.BadInputCounts;
import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.progress.JobProgress;
import io.strand.metrics.reporter.MetricsEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Under the skip or dead-letter policy the job ends with one line summing up the
 * undeserializable input its containers skipped or dead-lettered, per input stream (read from
 * their meters, as their progress is), at WARN if there was any: {@code Job flights-1: skipped 24
 * undeserializable messages (kafka.airports: 24), dead-lettered 0 (2 containers)}.
 *
 * <p>Threading: thread-safe. One thread per container ({@code strand-<job>-container-<id>}, not a
 * daemon); the last container thread to end completes the job's status.
 */
final class ThreadJob implements StreamJob {

  private static final Logger LOG = LoggerFactory.getLogger(ThreadJob.class);

  private final JobModel model;
  private final Function<String, RunnableContainer> containers;
  private final Map<String, RunnableContainer> running = new LinkedHashMap<>();
  private final JobOutcome outcome;
  private final BadMessagePolicy badMessages;

  /**
   * Prepares a job under the default bad-message policy (fail; no summary of skipped input).
   *
   * @param model the job model to run
   * @param containers makes the container of an id; called on {@link #submit()}
   */
  ThreadJob(JobModel model, Function<String, RunnableContainer> containers) {
    this(model, new BadMessagePolicy(BadMessagePolicy.Kind.FAIL, Optional.empty()), containers);
  }

  /**
   * Prepares the job.
   *
   * @param model the job model to run
   * @param badMessages the job's bad-message policy, for the summary of skipped and dead-lettered input
   * @param containers makes the container of an id; called on {@link #submit()}
   */
  ThreadJob(JobModel model, BadMessagePolicy badMessages, Function<String, RunnableContainer> containers) {
    this.model = model;
    this.badMessages = badMessages;
    this.containers = containers;
    this.outcome = new JobOutcome(jobLabel());
  }

  @Override
  public synchronized void submit() {
    outcome.submitted(model.containers().size());
    List<Thread> threads = new ArrayList<>();
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
    if (outcome.isKillRequested() || outcome.hasFailed()) {
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
      outcome.fail(cause);
      LOG.info("Job {}: container {} failed{}", jobLabel(), id,
          model.containers().size() > 1 ? "; stopping the other containers" : "");
      LOG.debug("Job {}: container {} failure", jobLabel(), id, failure);
      stopAll();
    } else {
      LOG.info("Job {}: container {} finished", jobLabel(), id);
    }
    outcome.containerEnded(this::logBadInputSummary);
  }

  /** One line on the undeserializable input the containers skipped or dead-lettered, at WARN if any. */
  private void logBadInputSummary() {
    List<RunnableContainer> all;
    synchronized (this) {
      all = List.copyOf(running.values());
    }
    BadInputCounts counts = all.stream().map(RunnableContainer::badInput).reduce(BadInputCounts.NONE,
        BadInputCounts::plus);
    String over = all.size() == 1 ? "1 container" : all.size() + " containers";
    InputDecoder.Summary.of(badMessages, counts).ifPresent(s -> {
      if (s.any()) {
        LOG.warn("Job {}: {} ({})", jobLabel(), s.line(), over);
      } else {
        LOG.info("Job {}: {} ({})", jobLabel(), s.line(), over);
      }
    });
  }

  @Override
  public JobStatus waitForFinish(long timeoutMs) {
    return outcome.await(timeoutMs);
  }

  @Override
  public void kill() {
    if (outcome.requestKill()) {
      LOG.info("Job {}: stop requested", jobLabel());
      stopAll();
    }
  }

  @Override
  public JobStatus status() {
    return outcome.now();
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

  /** The endpoints of the containers whose reporters are running. */
  @Override
  public List<MetricsEndpoint> metricsEndpoints() {
    List<RunnableContainer> all;
    synchronized (this) {
      all = List.copyOf(running.values());
    }
    return all.stream().flatMap(c -> c.metricsEndpoints().stream()).toList();
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
