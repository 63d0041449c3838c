package io.strand.container.runner;

import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.report.ContainerReport;
import io.strand.container.report.ReportReply;
import io.strand.container.status.ContainerState;
import io.strand.container.status.JobHeader;
import io.strand.container.status.ReportHistory;
import io.strand.container.status.RestartEvent;
import io.strand.container.status.StatusBoard;
import io.strand.container.status.StatusServer;
import io.strand.container.status.StatusSource;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page of a job run by the thread or the process runner: what the runner tells it of its
 * containers (started, ended, restarted), the containers' reports (polled from their meters
 * in-process by the thread runner, posted over HTTP by the process runner's children), and the
 * {@link StatusServer} on the loopback interface, whose URL is logged in one INFO line. It stops
 * serving when the job has ended.
 *
 * <p>Threading: thread-safe; the runner's threads report container events, the server's threads
 * read, a daemon thread ({@code strand-<job>-status-poller}) polls in-process containers.
 */
final class LocalStatusPage implements StatusSource, AutoCloseable {

  /** How many container ends the page lists. */
  static final int MAX_RESTART_EVENTS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(LocalStatusPage.class);

  /** What the page knows of one container. */
  private static final class Slot {
    String state = "LAUNCHING";
    boolean ended;
    String processId = "";
    int starts;
    long startedMs;
    String lastExit = "";
  }

  private final JobModel model;
  private final String runner;
  private final JobOutcome outcome;
  private final long startedMs = System.currentTimeMillis();
  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final Deque<RestartEvent> restarts = new ArrayDeque<>();
  private final StatusBoard board;
  private final String host = InetAddress.getLoopbackAddress().getHostAddress();
  private volatile boolean logs;
  private StatusServer server;
  private ScheduledExecutorService poller;

  /**
   * A page, not yet served.
   *
   * @param model the job model
   * @param runner {@code thread} or {@code process}
   * @param outcome the job's status
   */
  LocalStatusPage(JobModel model, String runner, JobOutcome outcome) {
    this.model = model;
    this.runner = runner;
    this.outcome = outcome;
    for (ContainerModel c : model.containers()) {
      slots.put(c.id(), new Slot());
    }
    this.board = new StatusBoard(model, this, new ReportHistory());
  }

  /**
   * Serves the page and logs its URL.
   *
   * @param port the port, 0 for an ephemeral one
   * @param takesReports whether containers post reports to {@code /report} (process runner)
   * @param logFiles each container's log file, or null when containers have none of their own
   * @return the page's URL
   * @throws java.io.UncheckedIOException if the port cannot be bound
   */
  synchronized String serve(int port, boolean takesReports, Function<String, Path> logFiles) {
    server = StatusServer.onLoopback(port);
    logs = logFiles != null;
    server.start(board, takesReports ? this::onReport : null,
        logFiles == null ? null : id -> Optional.of(logFiles.apply(id)));
    String url = server.url(host.contains(":") ? "[" + host + "]" : host);
    LOG.info("Job {}: status page at {}", label(), url);
    return url;
  }

  /**
   * Polls in-process containers for their reports every {@value ContainerReport#INTERVAL_MS} ms
   * (thread runner).
   *
   * @param reports the reports of the containers running now
   */
  synchronized void poll(Supplier<List<ContainerReport>> reports) {
    poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "strand-" + model.jobName() + "-status-poller");
      t.setDaemon(true);
      return t;
    });
    poller.scheduleWithFixedDelay(() -> {
      try {
        long now = System.currentTimeMillis();
        reports.get().forEach(r -> board.accept(r, now));
      } catch (RuntimeException e) {
        LOG.debug("Job {}: reading the containers' meters for the status page failed", label(), e);
      }
    }, 0, ContainerReport.INTERVAL_MS, TimeUnit.MILLISECONDS);
  }

  private ReportReply onReport(ContainerReport report) {
    board.accept(report, System.currentTimeMillis());
    return new ReportReply(false); // the process runner stops its children with SIGTERM
  }

  /**
   * A container's process (or thread) started.
   *
   * @param id the container
   * @param processId its pid, or empty for a thread
   */
  synchronized void started(String id, String processId) {
    Slot s = slots.get(id);
    s.state = "RUNNING";
    s.ended = false;
    s.processId = processId;
    s.starts++;
    s.startedMs = System.currentTimeMillis();
  }

  /**
   * A container's process (or thread) ended.
   *
   * @param id the container
   * @param state {@code FINISHED}, {@code STOPPED}, {@code FAILED}, or {@code RESTARTING} when it
   *     is started again
   * @param exit how it ended, empty for a clean end
   * @param failure whether it ended with a failure (listed under restarts and failures)
   */
  synchronized void ended(String id, String state, String exit, boolean failure) {
    Slot s = slots.get(id);
    boolean restarting = state.equals("RESTARTING");
    s.state = state;
    s.ended = !restarting;
    s.startedMs = 0;
    if (!exit.isEmpty()) {
      s.lastExit = exit;
    }
    if (failure) {
      restarts.addLast(new RestartEvent(System.currentTimeMillis(), id, s.processId, exit, restarting));
      while (restarts.size() > MAX_RESTART_EVENTS) {
        restarts.removeFirst();
      }
    }
  }

  @Override
  public JobHeader header() {
    JobStatus status = outcome.now();
    String state = status.isFinished() ? status.state().name() : outcome.isKillRequested() ? "STOPPING"
        : outcome.hasFailed() ? "FAILING" : "RUNNING";
    return new JobHeader(label(), runner, runner.equals("thread") ? "every container a thread of pid "
        + ProcessHandle.current().pid() : "one child JVM per container, children of pid " + ProcessHandle.current().pid(),
        state, status.cause().orElse(""), startedMs, 1);
  }

  @Override
  public synchronized List<ContainerState> containers(long nowMs) {
    List<ContainerState> states = new ArrayList<>();
    slots.forEach((id, s) -> states.add(new ContainerState(id, s.state, s.ended, host, s.processId,
        Math.max(0, s.starts - 1), s.startedMs, s.lastExit, logs ? "logs/" + id : "")));
    return states;
  }

  @Override
  public synchronized List<RestartEvent> restarts() {
    return List.copyOf(restarts);
  }

  /** Stops serving. */
  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
    }
    if (server != null) {
      server.close();
    }
  }

  private String label() {
    return model.jobName() + "-" + model.jobId();
  }
}
