package io.strand.benchmarks.harness;

import io.strand.benchmarks.measure.JobHops;
import io.strand.benchmarks.measure.LatencyProbe;
import io.strand.benchmarks.measure.LatencyResult;
import io.strand.benchmarks.measure.RunningWorker;
import io.strand.benchmarks.measure.WorkerLauncher;
import io.strand.benchmarks.measure.WindowResources;
import io.strand.benchmarks.measure.WorkerResult;
import io.strand.benchmarks.report.LoadPoint;
import io.strand.benchmarks.report.SuiteResults;
import io.strand.benchmarks.workload.SuiteSettings;
import io.strand.benchmarks.workload.WorkerSpec;
import io.strand.benchmarks.workload.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latency runs: one job per streaming workload, started in latency mode (unbounded input,
 * latency client settings), offered the fixed low load first and then 50 % of the workload's
 * median throughput, each measured by a {@link LatencyProbe}. The low point goes first so that a
 * backlog left by a saturated 50 % point cannot spill into it, and each run starts once the machine
 * has settled ({@link Settle}) after what ran before it. Each point's warm-up lasts until the job has
 * caught up with its input, at least the set warm-up and at most one measured window more
 * ({@code LatencyProbe}'s adaptive warm-up); the log and the report say how long each took. Each job logs its GC pauses next to its log.
 *
 * <p>Threading: the harness thread.
 */
final class LatencyRuns {

  private static final Logger LOG = LoggerFactory.getLogger(LatencyRuns.class);

  private final SuiteSettings settings;
  private final SuiteResults results;
  private final String bootstrap;
  private final Topics topics;
  private final WorkerLauncher launcher;
  private final Path state;

  LatencyRuns(SuiteSettings settings, SuiteResults results, String bootstrap, Topics topics, WorkerLauncher launcher,
      Path state) {
    this.settings = settings;
    this.results = results;
    this.bootstrap = bootstrap;
    this.topics = topics;
    this.launcher = launcher;
    this.state = state;
  }

  void run() throws InterruptedException {
    LatencyProbe probe = new LatencyProbe(bootstrap, settings.data());
    try (WindowResources resources = new WindowResources(launcher.broker())) {
      probe.resources(resources);
      run(probe, resources);
    } catch (java.io.IOException e) {
      LOG.debug("Latency: closing the broker's JMX connection: {}", e.toString());
    }
  }

  private void run(LatencyProbe probe, WindowResources resources) throws InterruptedException {
    for (Workload w : Workload.values()) {
      if (!w.hasLatency() || !settings.workloads().contains(w) || results.medianRate(w).isEmpty()) {
        continue;
      }
      Map<LoadPoint, Double> points = points(w, results.medianRate(w).getAsDouble() / 2);
      String job = "bench-lat-" + w.name().toLowerCase(Locale.ROOT).replace('_', '-');
      // The broker's append time on both topics lets the probe split the latency at the logs.
      topics.create(job + "-in", settings.data().partitions(), LatencyProbe.APPEND_TIME);
      topics.create(job + "-out", settings.data().partitions(), LatencyProbe.APPEND_TIME);
      Duration settled = Settle.await(launcher.broker(), settings.latencyWarmup().multipliedBy(2));
      LOG.info("Latency: {}: machine settled in {} ms", w.label(), settled.toMillis());
      WorkerSpec spec = new WorkerSpec(w, bootstrap, job + "-in", job + "-out", job, "", state.resolve(job), 0, true,
          settings.storeCache());
      // The job's GC pauses, with wall-clock times, next to its log: a pause shows in the latency tail.
      String name = "latency-" + w.name();
      // Where the time goes inside the job's JVM (JobHops), by second, next to its log too.
      List<String> jvm = new java.util.ArrayList<>(List.of("-Xlog:gc:file="
          + launcher.logDir().resolve(name + ".gc.log").toAbsolutePath() + ":time,uptime",
          "-D" + JobHops.FILE_PROPERTY + "=" + launcher.logDir().resolve(name + ".job-hops.csv").toAbsolutePath()));
      if (settings.jfr()) {
        // Every engine alike (the same cost for each): which of the job's threads use the CPU at low load.
        jvm.add("-XX:StartFlightRecording=filename=" + settings.outDir().resolve(name + ".jfr")
            + ",settings=profile,dumponexit=true");
      }
      RunningWorker worker = launcher.start(spec, name, jvm);
      resources.job(worker.handle());
      try {
        if (!worker.awaitReady(120_000)) {
          LOG.warn("Latency: {} did not get ready; skipped", w.label());
          results.check("FAIL " + w.label() + " latency run: the job did not start");
          continue;
        }
        Duration warmup = settings.latencyWarmup();
        for (Map.Entry<LoadPoint, Double> point : points.entrySet()) {
          Duration measured = point.getKey() == LoadPoint.LOW ? settings.lowPointMeasured() : settings.latencyMeasured();
          LOG.info("Latency: {} at {} records/s ({}) ...", w.label(), Suite.fmt(point.getValue()), point.getKey().label());
          // The input hop alone at the low point only: one more consumer at 50 % of a maximum would load the machine.
          // The warm-up goes on until the job has caught up, for at most one more window's length.
          LatencyResult r = probe.measure(job + "-in", job + "-out", point.getValue(), warmup, warmup.plus(measured),
              measured, point.getKey() == LoadPoint.LOW);
          results.latency(w, point.getKey(), r);
          LOG.info("Latency: {} at {}: warm-up {} ms, {}; median per {} ms slice: {}", w.label(),
              point.getKey().label(), Suite.fmt(r.warmup().ms()), r.warmup().caughtUp() ? "caught up"
                  : "DEADLINE (not caught up)", LatencyResult.Warmup.SLICE_MS, r.warmup().sliceP50Ms().stream()
                  .map(Suite::fmt2).collect(java.util.stream.Collectors.joining(" ")));
          LOG.info("Latency: {} at {} records/s: p50 {} ms, p99 {} ms, p99.9 {} ms ({} of {} outputs seen){}{}",
              w.label(), Suite.fmt(r.achievedRate()), Suite.fmt2(r.p50Ms()), Suite.fmt2(r.p99Ms()),
              Suite.fmt2(r.p999Ms()), r.received(), r.sent(), r.inputHop().map(h -> "; input hop p50 "
                  + Suite.fmt2(h.p50Ms()) + " ms, p99 " + Suite.fmt2(h.p99Ms()) + " ms").orElse(""),
              r.saturated() ? "; SATURATED: " + r.saturation() : "");
          resources.last().ifPresent(u -> LOG.info("Latency: {} at {}: window of {} s: job {} cores, broker {} cores,"
              + " harness {} cores; broker partition fetches {}/s, appends {}/s; broker GC {} ms in {} collections",
              w.label(), point.getKey().label(), Suite.fmt2(u.seconds()), Suite.fmt2(u.jobCores()),
              Suite.fmt2(u.brokerCores()), Suite.fmt2(u.harnessCores()), Suite.fmt(u.brokerFetchesPerSec()),
              Suite.fmt(u.brokerProducesPerSec()), u.brokerGcMs(), u.brokerGcs()));
          r.stages().forEach((stage, h) -> LOG.info("Latency: {}: {}: p50 {} ms, p99 {} ms, p99.9 {} ms", w.label(),
              stage, Suite.fmt2(h.p50Ms()), Suite.fmt2(h.p99Ms()), Suite.fmt2(h.p999Ms())));
          warmup = warmup.compareTo(SuiteSettings.SECOND_POINT_WARMUP) > 0 ? SuiteSettings.SECOND_POINT_WARMUP : warmup;
        }
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

  /** The low point only when it is below the 50 % point (it would not be "low" otherwise). */
  private Map<LoadPoint, Double> points(Workload w, double half) {
    Map<LoadPoint, Double> points = new LinkedHashMap<>();
    double low = settings.latencyLowRate();
    if (low > 0 && low < half) {
      points.put(LoadPoint.LOW, low);
    } else if (low > 0) {
      results.note(w.label() + ": no low-load latency point, " + Suite.fmt(low) + " records/s is not below 50 % of"
          + " its maximum (" + Suite.fmt(half) + ")");
    }
    points.put(LoadPoint.HALF, half);
    return points;
  }
}
