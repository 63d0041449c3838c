package io.strand.container.report;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container's reporting thread: every {@value ContainerReport#INTERVAL_MS} ms it sends a report
 * made by {@link MeterReports} through a {@link ReportClient}; a reply asking to stop runs the stop
 * action once. A server that cannot be reached is logged once per outage at WARN (the container
 * keeps running: its status is shown elsewhere, its work does not depend on it).
 *
 * <p>Threading: one daemon thread ({@code strand-container-<id>-reporter}); {@link #close()} from
 * any thread.
 */
public final class Reporter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Reporter.class);

  private final ScheduledExecutorService thread;

  private Reporter(ScheduledExecutorService thread) {
    this.thread = thread;
  }

  /**
   * Starts reporting at once.
   *
   * @param client where reports go
   * @param reports makes them
   * @param job the job's label for log lines, {@code <job.name>-<job.id>}
   * @param containerId the container id, for log lines and the thread's name
   * @param stop asks the container to stop gracefully, when a reply says so
   * @return what stops the reporting
   */
  public static Reporter start(ReportClient client, MeterReports reports, String job, String containerId,
      Runnable stop) {
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "strand-container-" + containerId + "-reporter");
      t.setDaemon(true);
      return t;
    });
    AtomicBoolean stopAsked = new AtomicBoolean();
    AtomicBoolean unreachable = new AtomicBoolean();
    thread.scheduleWithFixedDelay(() -> {
      try {
        ReportReply reply = client.send(reports.build(System.currentTimeMillis()));
        unreachable.set(false);
        if (reply.stop() && stopAsked.compareAndSet(false, true)) {
          LOG.info("Job {}: container {} stopping at the request of {}", job, containerId, client.base());
          stop.run();
        }
      } catch (IOException | RuntimeException e) {
        if (unreachable.compareAndSet(false, true)) { // once per outage, not every second
          LOG.warn("Job {}: container {} cannot report to {}: {}", job, containerId, client.base(), e.toString());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, 0, ContainerReport.INTERVAL_MS, TimeUnit.MILLISECONDS);
    return new Reporter(thread);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
