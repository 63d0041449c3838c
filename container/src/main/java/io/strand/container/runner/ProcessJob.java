package io.strand.container.runner;

import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.status.StatusSettings;
import io.strand.metrics.reporter.MetricsEndpoint;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job whose containers each run in a child JVM of this process (process mode), started as
 * {@code java <task.opts> -cp <this JVM's class path> io.strand.container.runner.ContainerMain
 * --config-path <file> --container-id <id>}, with the config's secrets in its environment (see
 * {@link ProcessJobFactory}). A child's stdout and stderr are appended to
 * {@code <work dir>/container-<id>.log}; the config file is removed when the job ends. A child
 * writes the URLs of its metrics endpoints (Prometheus reporters) to
 * {@code <work dir>/container-<id>.endpoints} once its reporters have started; this process logs
 * them in one INFO line per container start and serves them from {@link #metricsEndpoints()}.
 *
 * <p>A child that exits non-zero, or is killed, is started again as long as the
 * {@link RestartPolicy} allows; one failure too many fails the job: the other children get
 * SIGTERM and the job ends {@code FAILED}. A child that exits 0 has finished (every bounded input
 * ended); the job succeeds when all have. {@link #kill()} sends SIGTERM to every child and SIGKILL
 * to those still alive after {@code task.shutdown.ms} plus a margin. A child that exits on SIGINT
 * or SIGTERM (Ctrl-C in a terminal reaches the whole process group) is given a few seconds for the
 * job's own stop request to arrive before it counts as a failure.
 *
 * <p>The undeserializable input a child skipped or dead-lettered is summed up by the child itself,
 * in one line of its log file when it stops: this process does not see the children's meters, so
 * (unlike {@link ThreadJob}) the job has no summary line of its own.
 *
 * <p>Unless {@code strand.status.http.port=-1}, the job serves a status page on the loopback
 * interface from submit until it has ended (its URL in one INFO line; an ephemeral port unless the
 * key names one): the children get its URL ({@code --status-url}) and post their reports to its
 * {@code /report} every second, as YARN containers do to their AM, and their log files are at
 * {@code /logs/<id>}. Posting keeps the parent the one server and the children plain clients, with
 * no port per child to find or free.
 *
 * <p>Threading: thread-safe. One supervisor thread per container
 * ({@code strand-<job>-supervisor-<id>}) starts and waits for its child; the last one to end
 * completes the job's status.
 */
public final class ProcessJob implements StreamJob {

  /** Extra time over {@code task.shutdown.ms} before a child that ignores SIGTERM is killed. */
  public static final long KILL_MARGIN_MS = 10_000;
  /**
   * How long a child that exited on SIGINT or SIGTERM may wait for the job's own stop request
   * before it counts as failed, in ms.
   */
  static final long SIGNAL_GRACE_MS = 3_000;
  /** How long a starting child has to write its metrics endpoints file, in ms. */
  static final long ENDPOINTS_WAIT_MS = 60_000;

  private static final Logger LOG = LoggerFactory.getLogger(ProcessJob.class);

  private final JobModel model;
  private final Path configFile;
  private final Path workDir;
  private final ContainerCommandLine commandLine;
  private final Optional<ClassDataSharing> sharing;
  private final long shutdownMs;
  private final RestartPolicy policy;
  private final StatusSettings statusSettings;
  private volatile LocalStatusPage status;
  private volatile String statusUrl;
  private final Map<String, Process> children = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();
  private final Map<String, List<MetricsEndpoint>> endpoints = new ConcurrentHashMap<>();
  private final JobOutcome outcome;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final AtomicInteger supervising = new AtomicInteger();
  private volatile boolean stopping;

  /**
   * Prepares the job.
   *
   * @param model the job model, already published to the coordinator topic
   * @param configFile the job's effective config, for the children; removed when the job ends
   * @param environment variables added to the children's environment (the config's secrets)
   * @param workDir where the children's log files go
   * @param jvmOptions the children's JVM options ({@code task.opts}, split at whitespace)
   * @param classPath the children's class path
   * @param sharing the children's class-data sharing, if on
   * @param shutdownMs {@code task.shutdown.ms}
   * @param policy the restart policy
   * @param statusSettings whether and where to serve the status page
   */
  ProcessJob(JobModel model, Path configFile, Map<String, String> environment, Path workDir, List<String> jvmOptions, String classPath,
      Optional<ClassDataSharing> sharing, long shutdownMs, RestartPolicy policy, StatusSettings statusSettings) {
    this.model = model;
    this.configFile = configFile;
    this.workDir = workDir;
    this.commandLine = new ContainerCommandLine(configFile, environment, workDir, jvmOptions, classPath);
    this.sharing = sharing;
    this.shutdownMs = shutdownMs;
    this.policy = policy;
    this.statusSettings = statusSettings;
    this.outcome = new JobOutcome(jobLabel());
  }

  @Override
  public synchronized void submit() {
    outcome.submitted(model.containers().size());
    supervising.set(model.containers().size());
    if (statusSettings.port().isPresent()) {
      status = new LocalStatusPage(model, "process", outcome);
      statusUrl = status.serve(statusSettings.port().getAsInt(), true, this::logFile);
    }
    LOG.info("Job {}: starting {} container process(es); logs in {}; restart policy {}", jobLabel(),
        model.containers().size(), workDir, policy);
    for (ContainerModel container : model.containers()) {
      starts.put(container.id(), new AtomicInteger());
      new Thread(() -> supervise(container.id()), "strand-" + model.jobName() + "-supervisor-" + container.id())
          .start();
    }
  }

  private void supervise(String id) {
    try {
      while (!stopping) {
        Process process;
        try {
          process = launch(id);
        } catch (IOException e) {
          if (stopping) {
            return;
          }
          fail("container " + id + " could not be started: " + e.getMessage());
          return;
        }
        readEndpoints(id, process);
        int code = ChildExits.waitUninterruptibly(process);
        endpoints.remove(id);
        children.remove(id, process);
        sharing.ifPresent(s -> s.afterExit(id));
        if (ChildExits.stoppedBySignal(code)) {
          // Ctrl-C in a terminal reaches the children too, maybe before our own stop request does.
          awaitStopRequest(SIGNAL_GRACE_MS);
        }
        if (stopping) {
          LOG.info("Job {}: container {} (pid {}) stopped with exit code {}", jobLabel(), id, process.pid(), code);
          statusEnded(id, "STOPPED", "exit code " + code, false);
          return;
        }
        if (code == 0) {
          LOG.info("Job {}: container {} (pid {}) finished", jobLabel(), id, process.pid());
          statusEnded(id, "FINISHED", "", false);
          return;
        }
        boolean restart;
        synchronized (policy) {
          restart = policy.onFailure(id, System.currentTimeMillis());
        }
        String exit = ChildExits.describe(code);
        statusEnded(id, restart ? "RESTARTING" : "FAILED", exit, true);
        if (!restart) {
          fail("container " + id + " " + exit + " and has failed more often than the restart policy allows ("
              + policy + "); see " + logFile(id));
          return;
        }
        LOG.warn("Job {}: container {} (pid {}) {}; restarting it; see {}", jobLabel(), id, process.pid(), exit,
            logFile(id));
      }
    } finally {
      if (supervising.decrementAndGet() == 0) {
        removeWorkFiles();
      }
      outcome.containerEnded();
      LocalStatusPage page = status;
      if (page != null && outcome.now().isFinished()) {
        page.close();
      }
    }
  }

  private void statusEnded(String id, String state, String exit, boolean failure) {
    LocalStatusPage page = status;
    if (page != null) {
      page.ended(id, state, exit, failure);
    }
  }

  /**
   * The status page's URL, while the job serves one.
   *
   * @return the URL, empty when the page is off or the job not yet submitted
   */
  @Override
  public Optional<String> statusUrl() {
    return Optional.ofNullable(statusUrl);
  }

  /** Waits for the child's endpoints file, then logs and keeps its endpoints. */
  private void readEndpoints(String id, Process process) {
    try {
      List<MetricsEndpoint> found = EndpointsFile.await(EndpointsFile.of(workDir, id), id, process, ENDPOINTS_WAIT_MS)
          .orElse(List.of());
      if (!found.isEmpty() && process.isAlive()) {
        endpoints.put(id, found);
        LOG.info("Job {}: container {} (pid {}) metrics at {}", jobLabel(), id, process.pid(),
            found.stream().map(e -> e.url().toString()).collect(Collectors.joining(", ")));
      }
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Job {}: cannot read the metrics endpoints of container {}: {}", jobLabel(), id, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Removes the children's config and endpoints files once no child can start again; the logs stay. */
  private void removeWorkFiles() {
    try {
      Files.deleteIfExists(configFile);
      for (ContainerModel container : model.containers()) {
        Files.deleteIfExists(EndpointsFile.of(workDir, container.id()));
      }
    } catch (IOException e) {
      LOG.warn("Job {}: cannot remove the containers' work files in {}: {}", jobLabel(), workDir, e.toString());
    }
  }

  private Process launch(String id) throws IOException {
    Files.deleteIfExists(EndpointsFile.of(workDir, id)); // a previous start\'s endpoints are gone with it
    File log = logFile(id).toFile();
    int start = starts.get(id).incrementAndGet();
    Files.writeString(log.toPath(), "=== " + Instant.now() + " start " + start + " of container " + id + " of job "
        + jobLabel() + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Process process;
    synchronized (this) {
      if (stopping) {
        throw new IOException("the job is stopping");
      }
      process = commandLine.processBuilder(id, sharing.map(s -> s.optionsFor(id)).orElse(List.of()), statusUrl)
          .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log)).start();
      children.put(id, process);
    }
    LocalStatusPage page = status;
    if (page != null) {
      page.started(id, String.valueOf(process.pid()));
    }
    LOG.info("Job {}: container {} started as pid {} (start {}), log {}", jobLabel(), id, process.pid(), start, log);
    return process;
  }

  /**
   * A process builder for a container's JVM as this job starts it (command line and environment,
   * without the class-data sharing options), for tools and tests that start an instance of a
   * container themselves, such as a duplicate of a running one. The process is not supervised by
   * this job; its config file is the job's, which is removed when the job ends.
   *
   * @param containerId the container id
   * @return a new builder, its output not redirected
   */
  public ProcessBuilder containerProcessBuilder(String containerId) {
    return commandLine.processBuilder(containerId, List.of(), statusUrl);
  }

  private void fail(String cause) {
    if (!outcome.isKillRequested()) {
      outcome.fail(cause);
    }
    LOG.info("Job {}: failing; stopping the other containers", jobLabel());
    stopChildren();
  }

  @Override
  public JobStatus waitForFinish(long timeoutMs) {
    return outcome.await(timeoutMs);
  }

  @Override
  public void kill() {
    if (!stopping && outcome.requestKill()) {
      LOG.info("Job {}: stop requested; sending SIGTERM to every container", jobLabel());
      stopChildren();
    }
  }

  @Override
  public JobStatus status() {
    return outcome.now();
  }

  /**
   * The live process of a container, for tools and tests.
   *
   * @param containerId the container id
   * @return the process, or empty when the container is not running right now
   */
  public Optional<ProcessHandle> containerProcess(String containerId) {
    return Optional.ofNullable(children.get(containerId)).filter(Process::isAlive).map(Process::toHandle);
  }

  /**
   * How many times a container's process was started.
   *
   * @param containerId the container id
   * @return 1 after the first start, 2 after one restart, and so on
   */
  public int starts(String containerId) {
    AtomicInteger count = starts.get(containerId);
    return count == null ? 0 : count.get();
  }

  /**
   * The file a container's output is appended to.
   *
   * @param containerId the container id
   * @return {@code <work dir>/container-<id>.log}
   */
  public Path logFile(String containerId) {
    return workDir.resolve("container-" + containerId + ".log");
  }

  /**
   * Where the containers' metrics can be read over HTTP now.
   *
   * @return the endpoints of the running containers whose reporters serve HTTP, by container id
   */
  @Override
  public List<MetricsEndpoint> metricsEndpoints() {
    return endpoints.values().stream().flatMap(List::stream)
        .sorted(java.util.Comparator.comparing(MetricsEndpoint::containerId)).toList();
  }

  private void stopChildren() {
    List<Process> toStop;
    synchronized (this) {
      stopping = true;
      toStop = List.copyOf(children.values());
    }
    stopRequested.countDown();
    toStop.forEach(Process::destroy); // SIGTERM: the child's shutdown hook stops its container gracefully
    Thread reaper = new Thread(() -> {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(shutdownMs + KILL_MARGIN_MS);
      for (Process p : toStop) {
        long left = deadline - System.nanoTime();
        try {
          if (!p.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
            LOG.warn("Job {}: pid {} did not stop within {} ms; killing it", jobLabel(), p.pid(),
                shutdownMs + KILL_MARGIN_MS);
            p.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          p.destroyForcibly();
        }
      }
    }, "strand-" + model.jobName() + "-reaper");
    reaper.setDaemon(true);
    reaper.start();
  }

  private void awaitStopRequest(long timeoutMs) {
    try {
      stopRequested.await(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String jobLabel() {
    return model.jobName() + "-" + model.jobId();
  }
}
