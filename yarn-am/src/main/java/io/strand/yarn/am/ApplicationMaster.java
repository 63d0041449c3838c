package io.strand.yarn.am;

import io.strand.config.Config;
import io.strand.config.view.ClusterManagerConfig;
import io.strand.config.view.JobConfig;
import io.strand.config.view.TaskConfig;
import io.strand.container.coordinator.CoordinatorSettings;
import io.strand.container.coordinator.CoordinatorStream;
import io.strand.container.coordinator.JobModels;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.model.JobModel;
import io.strand.container.runner.RestartPolicy;
import io.strand.container.status.ReportHistory;
import io.strand.container.status.StatusBoard;
import io.strand.container.status.StatusSettings;
import io.strand.yarn.launch.JobFiles;
import io.strand.yarn.launch.JobStaging;
import io.strand.yarn.launch.YarnConfigurations;
import io.strand.yarn.launch.YarnSettings;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strand's application master, the job coordinator on YARN (Samza's {@code ClusterBasedJobCoordinator}):
 * computes and publishes the job model (container module's {@link JobModels#compute}), serves it
 * and the status page over HTTP (the tracking URL), registers with the ResourceManager, keeps the
 * containers running through the {@link ContainerSupervisor}, and unregisters with the final
 * status once every container has ended. A kill ({@code POST /kill}) asks containers to stop and,
 * after {@code task.shutdown.ms} plus {@value #STOP_MARGIN_MS} ms, stops the rest through their
 * NodeManagers.
 *
 * <p>Threading: {@link #run()} blocks the calling thread; YARN callbacks, the HTTP server and a
 * timer thread work on the supervisor, which synchronizes.
 */
public final class ApplicationMaster {

  /** Time over {@code task.shutdown.ms} before containers that did not stop are stopped by YARN, in ms. */
  static final long STOP_MARGIN_MS = 5_000;
  private static final long TIMER_MS = 500;
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationMaster.class);

  private final Config config;
  private final JobFiles files;
  private final ApplicationAttemptId attempt;
  private final String host;

  /**
   * Prepares the AM.
   *
   * @param config the job config
   * @param files the job's files, to localize for the containers
   * @param attempt this AM's attempt
   * @param host the host this AM runs on
   */
  public ApplicationMaster(Config config, JobFiles files, ApplicationAttemptId attempt, String host) {
    this.config = config;
    this.files = files;
    this.attempt = attempt;
    this.host = host;
  }

  /**
   * Runs the application until every container has ended, then unregisters.
   *
   * @return the final status the AM unregistered with
   * @throws IOException if the HTTP server cannot start or YARN cannot be reached
   * @throws YarnException if the ResourceManager refuses the registration
   */
  public FinalApplicationStatus run() throws IOException, YarnException, InterruptedException {
    long startedMs = System.currentTimeMillis();
    JobConfig jobConfig = new JobConfig(config);
    ClusterManagerConfig cluster = new ClusterManagerConfig(config);
    String job = jobConfig.getName() + "-" + jobConfig.getId();
    YarnConfiguration conf = YarnConfigurations.load();
    LOG.info("Job {}: application master {} starting on {}", job, attempt, host);

    JobModel model = JobModels.compute(config);
    Map<String, String> lastNodes = Map.of();
    if (cluster.isHostAffinityEnabled()) {
      try (CoordinatorStream coordinator = CoordinatorStream.create(CoordinatorSettings.fromConfig(config),
          new KafkaSystems(config))) {
        lastNodes = coordinator.readContainerHosts();
      }
      LOG.info("Job {}: host affinity on; last nodes {}", job, lastNodes);
    }

    AmHttpServer http = new AmHttpServer(StatusSettings.fromConfig(config, true).port().orElse(0));
    String url = "http://" + host + ":" + http.port() + "/";
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "strand-am-timer");
      t.setDaemon(true);
      return t;
    });
    AtomicReference<ContainerSupervisor> holder = new AtomicReference<>();
    AMRMClientAsync<ContainerRequest> rm = AMRMClientAsync.createAMRMClientAsync(1000, new YarnCallbacks.Rm(holder::get));
    NMClientAsync nm = NMClientAsync.createNMClientAsync(new YarnCallbacks.Nm(holder::get));
    int memoryMb = cluster.getContainerMemoryMb();
    YarnClusterActions actions = new YarnClusterActions(rm, nm, files.localResources(conf), files,
        new YarnSettings(config).classpath(), new TaskConfig(config).getOpts().orElse(""), memoryMb, url, config);
    ContainerSupervisor supervisor = new ContainerSupervisor(model,
        Resource.newInstance(memoryMb, cluster.getContainerCpuCores()), cluster.isHostAffinityEnabled(),
        cluster.getContainerRequestTimeoutMs(),
        new RestartPolicy(cluster.getContainerRetryCount(), cluster.getContainerRetryWindowMs()), actions,
        node -> YarnConfigurations.nodeName(conf, node.getHost(), node.getPort()), System::currentTimeMillis);
    holder.set(supervisor);
    long stopWaitMs = new TaskConfig(config).getShutdownMs() + STOP_MARGIN_MS;
    JobViews views = new JobViews(job, attempt.getApplicationId().toString(), attempt.getAttemptId(), startedMs,
        supervisor, () -> state(supervisor), () -> diagnostics(supervisor));
    StatusBoard board = new StatusBoard(model, views, new ReportHistory());
    http.serve(model, board, supervisor, reason -> {
      supervisor.stop(reason);
      timer.schedule(supervisor::forceStop, stopWaitMs, TimeUnit.MILLISECONDS);
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() ->
        LOG.info("Job {}: application master {} exiting", job, attempt), "strand-am-shutdown"));

    FinalApplicationStatus status = FinalApplicationStatus.FAILED;
    try {
      rm.init(conf);
      rm.start();
      RegisterApplicationMasterResponse registration = rm.registerApplicationMaster(host, http.port(), url);
      nm.init(conf);
      nm.start();
      List<Container> previous = registration.getContainersFromPreviousAttempts();
      LOG.info("Job {}: registered; tracking URL {}; {} container(s) kept from a previous attempt", job, url,
          previous.size());
      supervisor.start(lastNodes, previous);
      timer.scheduleWithFixedDelay(supervisor::checkRequestTimeouts, TIMER_MS, TIMER_MS, TimeUnit.MILLISECONDS);
      ContainerSupervisor.Outcome outcome = supervisor.outcome().get();
      status = outcome.status();
      if (supervisor.isStopping()) {
        // The last containers may have ended before the force-stop timer; nothing else to wait for.
        timer.shutdownNow();
      }
      rm.unregisterApplicationMaster(status, outcome.diagnostics(), url);
      LOG.info("Job {}: unregistered with final status {} ({})", job, status, outcome.diagnostics());
      String notDeleted = JobStaging.deleteStaged(conf, files.configUri());
      if (notDeleted != null) {
        LOG.warn("Job {}: could not delete the staging directory of {}: {}", job, files.configUri(), notDeleted);
      }
      return status;
    } catch (ExecutionException e) {
      throw new IllegalStateException("unreachable: the outcome never completes exceptionally", e);
    } finally {
      timer.shutdownNow();
      actions.close();
      nm.stop();
      rm.stop();
      http.close();
    }
  }

  private static String state(ContainerSupervisor supervisor) {
    if (supervisor.outcome().isDone()) {
      return supervisor.outcome().join().status().name();
    }
    return supervisor.isStopping() ? "STOPPING" : "RUNNING";
  }

  private static String diagnostics(ContainerSupervisor supervisor) {
    return supervisor.outcome().isDone() ? supervisor.outcome().join().diagnostics() : supervisor.failure();
  }
}
