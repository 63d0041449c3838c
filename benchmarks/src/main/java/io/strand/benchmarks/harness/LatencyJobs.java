package io.strand.benchmarks.harness;

import io.strand.benchmarks.measure.JobHops;
import io.strand.benchmarks.measure.LatencyProbe;
import io.strand.benchmarks.measure.MachineSampler;
import io.strand.benchmarks.measure.RunningWorker;
import io.strand.benchmarks.measure.WindowResources;
import io.strand.benchmarks.measure.WorkerLauncher;
import io.strand.benchmarks.measure.WorkerResult;
import io.strand.benchmarks.report.SuiteResults;
import io.strand.benchmarks.workload.ClientSettings;
import io.strand.benchmarks.workload.SuiteSettings;
import io.strand.benchmarks.workload.WorkerSpec;
import io.strand.benchmarks.workload.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job of one latency point (measured, searched or warm-up): its topics created with the
 * broker's append time, {@link Settle}, a fresh job JVM in latency mode with its GC log and
 * {@link JobHops} next to its log ({@code latency-<workload>-<point>.*}), a {@link MachineSampler}
 * for the point, then whatever the caller runs on it; the job stopped and its topics deleted
 * afterwards. Every point of every engine goes through the same steps.
 *
 * <p>Threading: the harness thread.
 */
final class LatencyJobs {

  private static final Logger LOG = LoggerFactory.getLogger(LatencyJobs.class);

  /** What runs on a started job. */
  @FunctionalInterface
  interface OnJob<T> {
    T run(Job job) throws InterruptedException;
  }

  /**
   * A started job.
   *
   * @param name the job's name: its input and output topics are {@code <name>-in} and {@code <name>-out}
   * @param readyNanos {@link System#nanoTime()} when the job reported ready (consuming)
   */
  record Job(String name, long readyNanos) {

    /** @return the job's input topic */
    String input() {
      return name + "-in";
    }

    /** @return the job's output topic */
    String output() {
      return name + "-out";
    }

    /** @return how long the job has run since it reported ready */
    Duration sinceReady() {
      return Duration.ofNanos(System.nanoTime() - readyNanos);
    }
  }

  private final SuiteSettings settings;
  private final SuiteResults results;
  private final String bootstrap;
  private final Topics topics;
  private final WorkerLauncher launcher;
  private final Path state;

  LatencyJobs(SuiteSettings settings, SuiteResults results, String bootstrap, Topics topics, WorkerLauncher launcher,
      Path state) {
    this.settings = settings;
    this.results = results;
    this.bootstrap = bootstrap;
    this.topics = topics;
    this.launcher = launcher;
    this.state = state;
  }

  /**
   * Starts a job of its own for {@code w} on fresh topics, after the machine settled, runs
   * {@code body} on it, stops it and deletes its topics.
   *
   * @param resources the window meters, told the job's process
   * @param w the job's workload
   * @param pointName the point's name in the job's and its files' names
   * @param label the point's name in logs and checks
   * @param body what runs on the started job
   * @return what {@code body} returned, or empty when the job did not start (a failed check)
   * @throws InterruptedException if interrupted
   */
  <T> Optional<T> on(WindowResources resources, Workload w, String pointName, String label, OnJob<T> body)
      throws InterruptedException {
    String job = "bench-lat-" + pointName.toLowerCase(Locale.ROOT).replace('_', '-') + "-"
        + w.name().toLowerCase(Locale.ROOT).replace('_', '-');
    // The broker's append time on both topics lets the probe split the latency at the logs.
    topics.create(job + "-in", settings.data().partitions(), LatencyProbe.APPEND_TIME);
    topics.create(job + "-out", settings.data().partitions(), LatencyProbe.APPEND_TIME);
    Duration settled = Settle.await(launcher.broker(), settings.latencyWarmup().multipliedBy(2));
    LOG.info("Latency: {} ({}): machine settled in {} ms", w.label(), label, settled.toMillis());
    WorkerSpec spec = new WorkerSpec(w, bootstrap, job + "-in", job + "-out", job, "", state.resolve(job), 0, true,
        settings.storeCache());
    // The job's GC pauses, with wall-clock times, next to its log: a pause shows in the latency tail.
    String name = "latency-" + w.name() + "-" + pointName;
    // Where the time goes inside the job's JVM (JobHops), by second, next to its log too.
    List<String> jvm = new ArrayList<>(List.of("-Xlog:gc,safepoint:file="
        + launcher.logDir().resolve(name + ".gc.log").toAbsolutePath() + ":time,uptime",
        "-D" + JobHops.FILE_PROPERTY + "=" + launcher.logDir().resolve(name + ".job-hops.csv").toAbsolutePath()));
    settings.latencyOptions().jobCompression()
        .ifPresent(c -> jvm.add("-D" + ClientSettings.LATENCY_COMPRESSION_PROPERTY + "=" + c));
    if (settings.jfr()) {
      // Every engine alike (the same cost for each): which of the job's threads use the CPU at low load.
      jvm.add("-XX:StartFlightRecording=filename=" + settings.outDir().resolve(name + ".jfr")
          + ",settings=profile,dumponexit=true");
    }
    RunningWorker worker = launcher.start(spec, name, jvm);
    resources.job(worker.handle());
    // What could stall a record, every 200 ms with wall-clock times (benchmarks/hop-parts.py reads it).
    try (MachineSampler sampler = new MachineSampler(launcher.logDir().resolve(name + ".machine.csv"),
        List.of(launcher.broker(), ProcessHandle.current(), worker.handle()), List.of("broker", "harness", "job"), 200)) {
      if (!worker.awaitReady(120_000)) {
        LOG.warn("Latency: {} did not get ready; skipped", w.label());
        results.check("FAIL " + w.label() + " latency run (" + label + "): the job did not start");
        return Optional.empty();
      }
      return Optional.of(body.run(new Job(job, System.nanoTime())));
    } finally {
      worker.requestStop();
      WorkerResult done = worker.await(90_000);
      if (!done.ok()) {
        LOG.warn("Latency: {} worker ended badly: {}", w.label(), done.failure());
      }
      topics.deleteMatching(List.of(job));
    }
  }
}
