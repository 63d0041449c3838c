package io.strand.benchmarks.harness;

import io.strand.benchmarks.measure.JobHops;
import io.strand.benchmarks.measure.LatencyProbe;
import io.strand.benchmarks.measure.LatencyResult;
import io.strand.benchmarks.measure.SustainableSearch;
import io.strand.benchmarks.measure.WorkerLauncher;
import io.strand.benchmarks.measure.WindowResources;
import io.strand.benchmarks.report.LoadPoint;
import io.strand.benchmarks.report.SuiteResults;
import io.strand.benchmarks.report.SustainableMax;
import io.strand.benchmarks.workload.ClientSettings;
import io.strand.benchmarks.workload.LatencyOptions;
import io.strand.benchmarks.workload.SuiteSettings;
import io.strand.benchmarks.workload.Workload;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latency runs: for each streaming workload a fixed low load, 50 % of the workload's median
 * throughput (its throughput maximum) and, unless off, 50 % of its sustainable maximum in the
 * latency setup (searched on a job of its own, {@link #sustainablePoints}), each point measured by
 * a {@link LatencyProbe} on a job of its own ({@link LatencyJobs}: a fresh JVM, started in latency
 * mode, unbounded input, latency client settings) on topics of its own. Before the first measured
 * point the probe warms up on a topic of its own, then {@link WarmupPoints} run unmeasured.
 *
 * <p>Order: every workload's low point first, then every workload's 50 % point ({@link #plan}),
 * then every workload's search, then every workload's point at 50 % of its sustainable maximum.
 * Until session 12 each workload ran its low point and then its 50 % point in one job, workload
 * after workload, so Strand's passthrough low point always came right after the raw loop's 50 %
 * point, the heaviest load of the suite and often one left with a backlog at its deadline: its
 * input stage alone (load producer to the input's log, no job involved) had a p99 of 71 ms against
 * 12.6 ms in Kafka Streams' run. Now no low point follows a 50 % point, and each low point follows
 * another low point (or the throughput rounds). Each 50 % point starts from a fresh JVM too, so it
 * gets the full warm-up.
 *
 * <p>Between runs the machine settles: the previous job's JVM has exited, its topics are deleted
 * (their files go at once: the suite's broker has {@code log.segment.delete.delay.ms=0}), then
 * {@link Settle} (sync, the broker under 5 % of a core). The same for every engine. No forced
 * collection: a full collection lets the broker's heap (-Xms256m) and the harness's shrink, and
 * the smaller young generation then collects more often inside the window. Each point's warm-up
 * lasts until the job has caught up with its input, at least the set warm-up and at least the job's
 * warm-up ({@link LatencyOptions#windowOpening}: its first commits, counted from when it reported
 * ready, and then late enough that its next commit falls in the window's middle), and at most one measured window more ({@code LatencyProbe}'s adaptive warm-up); the log
 * and the report say how long each took. Each job logs its GC pauses and its {@link JobHops} next to
 * its log ({@code latency-<workload>-<point>.*}).
 *
 * <p>Threading: the harness thread.
 */
final class LatencyRuns {

  private static final Logger LOG = LoggerFactory.getLogger(LatencyRuns.class);

  /** One latency run: a workload at a load point. */
  record Run(Workload workload, LoadPoint point, double rate) {

    /** @return the run's workload and point, which name one measured result */
    PointKey key() {
      return new PointKey(workload, point);
    }
  }

  /** What names one measured point: a workload at a load point (its rate is what was measured there). */
  record PointKey(Workload workload, LoadPoint point) {
  }

  private final SuiteSettings settings;
  private final SuiteResults results;
  private final String bootstrap;
  private final Topics topics;
  private final WorkerLauncher launcher;
  private final LatencyJobs jobs;
  /**
   * The load thread's wake-up period since session 19: 1 ms (5x fewer wake-ups than session 18's
   * 200 µs, on cores the job and the broker need); each record is still stamped when it is sent, and
   * the load producer lingers 1 ms anyway.
   */
  static final Duration PACE = Duration.ofMillis(1);

  LatencyRuns(SuiteSettings settings, SuiteResults results, String bootstrap, Topics topics, WorkerLauncher launcher,
      Path state) {
    this.settings = settings;
    this.results = results;
    this.bootstrap = bootstrap;
    this.topics = topics;
    this.launcher = launcher;
    this.jobs = new LatencyJobs(settings, results, bootstrap, topics, launcher, state);
  }

  void run() throws InterruptedException {
    LatencyProbe probe = new LatencyProbe(bootstrap, settings.data());
    probe.pace(PACE);
    try (WindowResources resources = new WindowResources(launcher.broker())) {
      probe.resources(resources);
      Map<Workload, Map<LoadPoint, Double>> points = new LinkedHashMap<>();
      for (Workload w : Workload.values()) {
        if (w.hasLatency() && settings.workloads().contains(w) && results.medianRate(w).isPresent()) {
          points.put(w, points(w, results.medianRate(w).getAsDouble() / 2));
        }
      }
      List<Run> plan = plan(points);
      if (settings.latencyOptions().reversedOrder()) {
        plan = reversedWithinPoints(plan);
      }
      Duration warm = settings.latencyOptions().probeWarmup(settings.latencyWarmup());
      if (!plan.isEmpty() && !warm.isZero()) {
        warmProbe(probe, plan.get(0).rate(), warm);
      }
      if (!plan.isEmpty()) {
        new WarmupPoints(settings, results, jobs).run(probe, resources, plan.get(0).rate());
      }
      LatencyOptions options = settings.latencyOptions();
      if (!plan.isEmpty() && options.jobWarmupCommits() > 0) {
        results.note(String.format(Locale.ROOT, "latency job warm-up: each point's window opens only once its job has"
            + " run %d commit intervals and a second (%d s) since it reported ready, and its outputs have caught up, and late"
            + " enough that its next commit falls in the window's middle (so every window holds one steady commit); the"
            + " same for every engine (each commits every %d s). Every point starts a fresh job JVM, whose first commits run"
            + " the commit path's code for the first time (session 21: Strand's count stalled 67, 40, then 13 ms at"
            + " its first three); the suite measures the steady state, as JMH and streaming benchmarks leave out"
            + " warm-up. The search's job takes it once, before its first step (-D%s=0: the catch-up rule alone)",
            options.jobWarmupCommits(), options.jobWarmup().toSeconds(), ClientSettings.COMMIT_MS / 1000,
            LatencyOptions.JOB_WARMUP_COMMITS_PROPERTY));
      }
      Map<PointKey, LatencyResult> measured = new LinkedHashMap<>();
      for (Run run : plan) {
        run(probe, resources, run).ifPresent(r -> measured.put(run.key(), r));
      }
      if (settings.latencyHalfPoint() && settings.latencyOptions().sustainableSearch()) {
        List<Workload> order = new ArrayList<>(points.keySet());
        if (settings.latencyOptions().reversedOrder()) {
          Collections.reverse(order);
        }
        sustainablePoints(probe, resources, order, measured);
      }
    } catch (IOException e) {
      LOG.debug("Latency: closing the broker's JMX connection: {}", e.toString());
    }
  }

  static List<Run> reversedWithinPoints(List<Run> plan) {
    List<Run> out = new ArrayList<>();
    for (LoadPoint p : LoadPoint.values()) {
      List<Run> at = new ArrayList<>(plan.stream().filter(r -> r.point() == p).toList());
      Collections.reverse(at);
      out.addAll(at);
    }
    return out;
  }

  /**
   * The probe's load producer and consumer, and the broker's paths for them, at the first point's
   * rate on a topic of their own (no job), so the first point of the suite is not the one that warms them.
   */
  private void warmProbe(LatencyProbe probe, double rate, Duration length) throws InterruptedException {
    String topic = "bench-lat-probe-warmup";
    topics.create(topic, settings.data().partitions(), LatencyProbe.APPEND_TIME);
    try {
      Duration two = Duration.ofSeconds(2);
      LatencyResult r = probe.measure(topic, topic, rate, two, two, length, false);
      LOG.info("Latency: probe warm-up, {} s at {} records/s without a job: p50 {} ms, p99 {} ms, parts' p99 {}",
          length.toSeconds(), Suite.fmt(rate), Suite.fmt2(r.p50Ms()), Suite.fmt2(r.p99Ms()), r.partP99Ms());
    } finally {
      topics.deleteMatching(List.of(topic));
    }
  }

  /**
   * The order of the runs: every workload's low point (in the workloads' order), then every
   * workload's 50 % point, so that no low point runs after a 50 % point.
   *
   * @param points each workload's load points and rates
   * @return the runs in order
   */
  static List<Run> plan(Map<Workload, Map<LoadPoint, Double>> points) {
    List<Run> runs = new ArrayList<>();
    for (LoadPoint p : LoadPoint.values()) {
      points.forEach((w, rates) -> {
        Double rate = rates.get(p);
        if (rate != null) {
          runs.add(new Run(w, p, rate));
        }
      });
    }
    return runs;
  }

  private Optional<LatencyResult> run(LatencyProbe probe, WindowResources resources, Run run)
      throws InterruptedException {
    Workload w = run.workload();
    String name = "latency-" + w.name() + "-" + run.point().name();
    return jobs.on(resources, w, run.point().name(), run.point().label(), job -> {
      LatencyResult r = measure(probe, resources, run, job);
      LOG.info("Latency: {} ({}): files {}.*, window opened at epoch ms {}, p99 of each {} ms part: {}", w.label(),
          run.point().label(), name, probe.lastWindowFromMicros() / 1000, LatencyResult.PART_MS, r.partP99Ms());
      return r;
    });
  }

  private LatencyResult measure(LatencyProbe probe, WindowResources resources, Run run, LatencyJobs.Job job)
      throws InterruptedException {
    Workload w = run.workload();
    LoadPoint point = run.point();
    Duration measured = point == LoadPoint.LOW ? settings.lowPointMeasured() : settings.latencyMeasured();
    Duration warmup = settings.latencyOptions().pointWarmup(settings.latencyWarmup(), job.sinceReady(), measured);
    LOG.info("Latency: {} at {} records/s ({}), warm-up at least {} ms ...", w.label(), Suite.fmt(run.rate()),
        point.label(), warmup.toMillis());
    // Since session 19 no input-hop consumer: at 20 k records/s the broker, the harness and the job
    // already filled both cores, and one more 20 k/s consumer (and the broker's fetches for it) was
    // part of what every engine's records waited for. JobHops' "stamp to job poll" measures the same
    // hop inside the job's JVM.
    // The warm-up goes on until the job has caught up, for at most one more window's length.
    LatencyResult r = probe.measure(job.input(), job.output(), run.rate(), warmup, warmup.plus(measured), measured,
        false);
    results.latency(w, point, r, resources.last());
    LOG.info("Latency: {} at {}: warm-up {} ms, {}; median per {} ms slice: {}", w.label(), point.label(),
        Suite.fmt(r.warmup().ms()), r.warmup().caughtUp() ? "caught up" : "DEADLINE (not caught up)",
        LatencyResult.Warmup.SLICE_MS, r.warmup().sliceP50Ms().stream().map(Suite::fmt2)
            .collect(Collectors.joining(" ")));
    LOG.info("Latency: {} at {} records/s: p50 {} ms, p99 {} ms, p99.9 {} ms ({} of {} outputs seen){}{}",
        w.label(), Suite.fmt(r.achievedRate()), Suite.fmt2(r.p50Ms()), Suite.fmt2(r.p99Ms()),
        Suite.fmt2(r.p999Ms()), r.received(), r.sent(), r.inputHop().map(h -> "; input hop p50 "
            + Suite.fmt2(h.p50Ms()) + " ms, p99 " + Suite.fmt2(h.p99Ms()) + " ms").orElse(""),
        r.saturated() ? "; SATURATED: " + r.saturation() : "");
    resources.last().ifPresent(u -> LOG.info("Latency: {} at {}: window of {} s: job {} cores, broker {} cores,"
        + " harness {} cores, other processes {} cores; broker partition fetches {}/s, appends {}/s; broker GC {} ms"
        + " in {} collections",
        w.label(), point.label(), Suite.fmt2(u.seconds()), Suite.fmt2(u.jobCores()),
        Suite.fmt2(u.brokerCores()), Suite.fmt2(u.harnessCores()), Suite.fmt2(u.otherCores()), Suite.fmt(u.brokerFetchesPerSec()),
        Suite.fmt(u.brokerProducesPerSec()), u.brokerGcMs(), u.brokerGcs()));
    r.stages().forEach((stage, h) -> LOG.info("Latency: {}: {}: p50 {} ms, p99 {} ms, p99.9 {} ms", w.label(),
        stage, Suite.fmt2(h.p50Ms()), Suite.fmt2(h.p99Ms()), Suite.fmt2(h.p999Ms())));
    return r;
  }

  private static final double SEARCH_RESOLUTION = SustainableSearch.SUITE_RESOLUTION;
  /** The bottom of a search without a low point, as a share of the throughput maximum (taken as sustained). */
  static final double UNMEASURED_BOTTOM = 1.0 / 16;
  /** How long the outputs must stay still after a step before the next: the job has drained what it queued. */
  static final Duration QUIET = Duration.ofSeconds(1);
  /** At most this long waiting for a step's queue to drain. */
  static final Duration DRAIN_MAX = Duration.ofSeconds(30);

  /**
   * For each workload: its sustainable maximum in the latency setup ({@link SustainableSearch} on
   * one job, each step the points' warm-up and a window as long as the low point's), then, after
   * every search, its 50 % point at half of it, measured as the other points are.
   */
  private void sustainablePoints(LatencyProbe probe, WindowResources resources, List<Workload> order,
      Map<PointKey, LatencyResult> measured) throws InterruptedException {
    Map<Workload, Double> halves = new LinkedHashMap<>();
    for (Workload w : order) {
      double max = results.medianRate(w).getAsDouble();
      Optional<LatencyResult> low = pointResult(measured, w, LoadPoint.LOW);
      if (low.isPresent() && low.get().saturated()) {
        results.note(w.label() + ": no sustainable maximum searched, its low point (" + Suite.fmt(low.get().offeredRate())
            + " records/s) already saturated");
        continue;
      }
      double bottom = low.map(LatencyResult::offeredRate).orElse(max * UNMEASURED_BOTTOM);
      SustainableSearch.Bracket from = SustainableSearch.narrow(bottom, max, pointResult(measured, w, LoadPoint.HALF)
          .map(r -> judge(r.offeredRate(), r)));
      long began = System.nanoTime();
      SustainableSearch search = new SustainableSearch(SEARCH_RESOLUTION, SustainableSearch.SUITE_STEPS);
      // A bracket already within the resolution (the 50 % point sustained, say, and its maximum
      // within 10 % above) needs no step and no job.
      Optional<SustainableSearch.Outcome> outcome = from.within(SEARCH_RESOLUTION)
          ? Optional.of(new SustainableSearch.Outcome(from.sustained(), from.saturated(), List.of()))
          : jobs.on(resources, w, "SEARCH", "sustainable search", job -> {
            // The fresh JVM's first seconds (JIT) and its first commits (the job's warm-up) at the
            // bracket's bottom, unjudged, so the first step is not the one that warms the job; the
            // later steps run on the same, warm job (each point's job gets its own warm-up too).
            Duration warm = settings.latencyOptions().pointWarmup(settings.latencyWarmup(), job.sinceReady());
            LOG.info("Latency: {}: search's job warm-up, {} ms at {} records/s", w.label(), warm.toMillis(),
                Suite.fmt(from.sustained()));
            probe.measure(job.input(), job.output(), from.sustained(), Duration.ZERO, warm);
            awaitQuiet(job.output());
            return search.run(from, rate -> step(probe, w, job, rate));
          });
      if (outcome.isEmpty()) {
        continue;
      }
      SustainableMax found = new SustainableMax(max, from, outcome.get(), (System.nanoTime() - began) / 1e9);
      results.sustainable(w, found);
      LOG.info("Latency: {}: sustainable maximum {} records/s (saturated at {}; throughput maximum {}), {} steps in {} s",
          w.label(), Suite.fmt(found.rate()), Suite.fmt(outcome.get().saturatedRate()), Suite.fmt(max),
          outcome.get().steps().size(), Suite.fmt(found.seconds()));
      halves.put(w, found.rate() / 2);
    }
    for (Map.Entry<Workload, Double> e : halves.entrySet()) {
      Run run = new Run(e.getKey(), LoadPoint.HALF_SUSTAINABLE, e.getValue());
      run(probe, resources, run);
    }
  }

  private static Optional<LatencyResult> pointResult(Map<PointKey, LatencyResult> measured, Workload w, LoadPoint p) {
    return Optional.ofNullable(measured.get(new PointKey(w, p)));
  }

  /** One step of the search on a running job: offer, judge, then let the job drain what it queued. */
  private SustainableSearch.Step step(LatencyProbe probe, Workload w, LatencyJobs.Job job, double rate)
      throws InterruptedException {
    Duration warmup = settings.latencyWarmup();
    Duration window = settings.lowPointMeasured();
    LatencyResult r = probe.measure(job.input(), job.output(), rate, warmup, warmup.plus(window), window, false);
    SustainableSearch.Step judged = judge(rate, r);
    LOG.info("Latency: {}: search step at {} records/s: {} (p50 {} ms, p99 {} ms, warm-up {} ms{})", w.label(),
        Suite.fmt(rate), judged.sustained() ? "sustained" : "SATURATED: " + judged.saturation(),
        Suite.fmt2(r.p50Ms()), Suite.fmt2(r.p99Ms()), Suite.fmt(r.warmup().ms()),
        r.warmup().caughtUp() ? "" : ", deadline");
    Duration drained = awaitQuiet(job.output());
    LOG.debug("Latency: {}: outputs still after {} ms", w.label(), drained.toMillis());
    return judged;
  }

  /** A step's verdict: the saturation rule, and (unless off) a warm-up that caught up. */
  private SustainableSearch.Step judge(double rate, LatencyResult r) {
    SustainableSearch.Step judged = SustainableSearch.Step.of(rate, r);
    if (judged.sustained() && settings.latencyOptions().searchNeedsCatchUp() && !r.warmup().caughtUp()) {
      return new SustainableSearch.Step(rate, "warm-up did not catch up by its deadline", r.p50Ms(), r.p99Ms());
    }
    return judged;
  }

  /** Waits until the topic's record count has not moved for {@link #QUIET}, at most {@link #DRAIN_MAX}. */
  private Duration awaitQuiet(String topic) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + DRAIN_MAX.toNanos();
    long last = topics.records(topic);
    long stillSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      Thread.sleep(QUIET.toMillis() / 4); // sampling a count: the wait is the measurement
      long now = topics.records(topic);
      if (now != last) {
        last = now;
        stillSince = System.nanoTime();
      } else if (System.nanoTime() - stillSince >= QUIET.toNanos()) {
        break;
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
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
    if (settings.latencyHalfPoint()) {
      points.put(LoadPoint.HALF, half);
    }
    return points;
  }
}
