package io.strand.benchmarks.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.strand.benchmarks.flights.FlightsJobConfig;
import io.strand.benchmarks.progress.Progress;
import io.strand.benchmarks.progress.WorkerProtocol;
import io.strand.benchmarks.strand.StrandJobConfig;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.WorkerSpec;
import io.strand.changelog.ContainerStorage;
import io.strand.changelog.restore.RestoreProgress;
import io.strand.config.Config;
import io.strand.container.assembly.StreamContainer;
import io.strand.container.coordinator.JobModels;
import io.strand.container.metrics.MetricsRegistries;
import io.strand.container.model.JobModel;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Strand workload through Strand's real container: the job model is computed as the local
 * runner does ({@code JobModels.compute}), and its one container runs as a {@link StreamContainer}
 * on this thread (throughput: the input is bounded, so {@code run()} returns after the last record
 * and a final commit) or on a second thread until stdin closes (latency). A restore reports the
 * records the container says it restored ({@value RestoreProgress#RECORDS}).
 *
 * <p>Threading: the caller's thread, plus the container's in latency mode.
 */
final class StrandWorkloads {

  private static final Logger LOG = LoggerFactory.getLogger(StrandWorkloads.class);
  private static final long STARTUP_TIMEOUT_MS = 120_000;

  private StrandWorkloads() {
  }

  static Outcome run(WorkerSpec spec, StopSignal stop) throws InterruptedException {
    Config config = spec.workload().kind() == Kind.FLIGHTS ? FlightsJobConfig.forSpec(spec)
        : StrandJobConfig.forSpec(spec);
    JobModel model = JobModels.compute(config);
    String containerId = model.containers().get(0).id();
    MeterRegistry registry = MetricsRegistries.create(model.jobName(), containerId);
    try {
      if (spec.workload().kind() == Kind.RESTORE) {
        // Restore happens while the container starts; its clock starts before the container exists.
        Progress.start();
      }
      StreamContainer container = new StreamContainer(config, model, containerId, registry);
      if (stop == null) {
        container.run();
      } else {
        Thread runner = new Thread(container::run, "strand-container-" + containerId);
        runner.start();
        if (!container.awaitStarted(STARTUP_TIMEOUT_MS)) {
          container.stop();
          throw new IllegalStateException("the Strand container did not start within " + STARTUP_TIMEOUT_MS + " ms");
        }
        WorkerProtocol.emit(WorkerProtocol.READY);
        stop.await(Long.MAX_VALUE);
        container.stop();
        runner.join();
      }
      long end = System.nanoTime();
      if (spec.workload().kind() == Kind.RESTORE) {
        // The restore phase itself, as the plain read times its reading only: the container's
        // start before it and its final commit after it are not restore work.
        long restoreNanos = restoreNanos(registry);
        LOG.info("Restore phase {} ms; container start to end {} ms", restoreNanos / 1_000_000,
            (end - Progress.startNanos()) / 1_000_000);
        return new Outcome(restoredRecords(registry), Progress.startNanos(), Progress.startNanos() + restoreNanos);
      }
      return new Outcome(Progress.processed(), Progress.startNanos(), end);
    } finally {
      registry.close();
    }
  }

  /** The container's restore phase, as it timed it ({@value ContainerStorage#RESTORE_TIME}). */
  private static long restoreNanos(MeterRegistry registry) {
    Timer timer = registry.find(ContainerStorage.RESTORE_TIME).timer();
    if (timer == null || timer.count() != 1) {
      throw new IllegalStateException("no single " + ContainerStorage.RESTORE_TIME + " record: cannot time the restore");
    }
    return (long) timer.totalTime(TimeUnit.NANOSECONDS);
  }

  /** The container's own count of changelog records written to the stores by restores, so the
   * harness can check it against the changelog rather than trust it. */
  private static long restoredRecords(MeterRegistry registry) {
    var counters = registry.find(RestoreProgress.RECORDS).counters();
    if (counters.isEmpty()) {
      throw new IllegalStateException("no " + RestoreProgress.RECORDS + " meter: cannot tell what was restored");
    }
    return Math.round(counters.stream().mapToDouble(Counter::count).sum());
  }
}
