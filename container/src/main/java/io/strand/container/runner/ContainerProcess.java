package io.strand.container.runner;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.view.TaskConfig;
import io.strand.container.assembly.StreamContainer;
import io.strand.container.errors.ContainerFailedException;
import io.strand.container.job.JobIdentity;
import io.strand.container.model.JobModel;
import io.strand.metrics.reporter.ContainerMeters;
import io.strand.metrics.reporter.ReporterContext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one container as the body of a container JVM, shared by the process runner's
 * {@link ContainerMain} and the YARN launcher: starts the container's metrics reporters
 * ({@link ContainerMeters}: its registry, and its Prometheus endpoint when configured) and its
 * {@link StreamContainer}, installs the shutdown hook that turns SIGTERM into a graceful stop
 * (in-flight work, final commit, tasks closed) bounded by {@code task.shutdown.ms}, runs the
 * container, and maps the outcome to an exit code: 0 finished or stopped, 1 failed (logged as one
 * line).
 *
 * <p>Threading: {@link #run} runs the container on the calling thread; the shutdown hook only asks
 * it to stop and waits for it; {@link #shuttingDown} may be read from any thread.
 */
public final class ContainerProcess {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerProcess.class);

  /** Work a launcher runs beside the container, for example reporting to an application master. */
  @FunctionalInterface
  public interface Companion {
    /**
     * Starts the work once the container exists, before it runs.
     *
     * @param container the container, which the companion may ask to {@link StreamContainer#stop()}
     * @param meters the container's meters and their reporters' endpoints
     * @return what stops the work when the container has ended
     */
    AutoCloseable start(StreamContainer container, ContainerMeters meters);
  }

  private final AtomicBoolean shuttingDown = new AtomicBoolean();

  /**
   * Whether a signal asked this JVM to stop; the launcher must then let the JVM exit by itself
   * (the shutdown hook is still running) instead of calling {@code System.exit}.
   *
   * @return true once the shutdown hook has started
   */
  public boolean shuttingDown() {
    return shuttingDown.get();
  }

  /**
   * Runs the container to its end.
   *
   * @param config the job config
   * @param model the job model, which must contain {@code containerId}
   * @param containerId the container to run
   * @param job the job's label for logs, {@code <job.name>-<job.id>}
   * @param detail extra words for the start line (for example the YARN container id), or empty
   * @param companion work to run beside the container
   * @return the exit code: 0 finished or stopped, 1 failed (a metrics reporter that cannot start
   *     included)
   */
  public int run(Config config, JobModel model, String containerId, String job, String detail, Companion companion) {
    ContainerMeters meters;
    try {
      meters = ContainerMeters.start(config, new ReporterContext(new JobIdentity(model.jobName(), model.jobId()),
          containerId, ContainerHosts.hostName(), detail));
    } catch (ConfigException e) {
      LOG.error("Job {}: container {} cannot start its metrics reporters: {}", job, containerId, e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      LOG.error("Job {}: container {} cannot start its metrics reporters: {}", job, containerId, e.toString(), e);
      return 1;
    }
    StreamContainer container = new StreamContainer(config, model, containerId, meters.registry());
    CountDownLatch ended = new CountDownLatch(1);
    long shutdownMs = new TaskConfig(config).getShutdownMs();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (ended.getCount() == 0) {
        return;
      }
      shuttingDown.set(true);
      LOG.info("Job {}: container {} stopping on signal (up to {} ms)", job, containerId, shutdownMs);
      container.stop();
      try {
        if (!ended.await(shutdownMs, TimeUnit.MILLISECONDS)) {
          LOG.warn("Job {}: container {} did not stop within task.shutdown.ms={} ms; exiting anyway", job,
              containerId, shutdownMs);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "strand-container-" + containerId + "-shutdown"));

    LOG.info("Job {}: container {}{} starting in pid {} ({} task(s))", job, containerId,
        detail.isEmpty() ? "" : " (" + detail + ")", ProcessHandle.current().pid(),
        model.container(containerId).orElseThrow().tasks().size());
    AutoCloseable beside = companion.start(container, meters);
    try {
      container.run();
      LOG.info("Job {}: container {} {}", job, containerId, shuttingDown.get() ? "stopped" : "finished");
      return 0;
    } catch (ContainerFailedException e) {
      LOG.error("Job {}: container {} failed: {}", job, containerId, e.getMessage());
      LOG.debug("Job {}: container {} failure", job, containerId, e);
      return 1;
    } catch (RuntimeException e) {
      LOG.error("Job {}: container {} failed unexpectedly: {}", job, containerId, e.toString(), e);
      return 1;
    } finally {
      closeQuietly(beside, job, containerId);
      meters.close(); // before the shutdown hook may let the JVM exit: the last metrics snapshot
      ended.countDown();
    }
  }

  private static void closeQuietly(AutoCloseable beside, String job, String containerId) {
    try {
      beside.close();
    } catch (Exception e) {
      LOG.warn("Job {}: container {}: stopping the launcher's side work failed: {}", job, containerId, e.toString());
    }
  }
}
