package io.strand.benchmarks.harness;

import io.strand.benchmarks.measure.LatencyProbe;
import io.strand.benchmarks.measure.LatencyResult;
import io.strand.benchmarks.measure.WindowResources;
import io.strand.benchmarks.report.SuiteResults;
import io.strand.benchmarks.workload.LatencyOptions;
import io.strand.benchmarks.workload.SuiteSettings;
import io.strand.benchmarks.workload.Workload;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unmeasured latency points before the first measured one: each goes through every step a measured
 * point takes (its topics created, {@link Settle}, a job JVM started, the probe's clients created,
 * the warm-up and the window at the first point's rate, the job stopped, its topics deleted), with
 * the raw passthrough as the job (the plainest kafka-clients loop; no engine's own code), and
 * nothing of it goes into the results. The same for every engine: it runs once, before whichever
 * workload comes first.
 *
 * <p>Why (session 21, issue 17): the first latency points of a suite were slower than the later
 * ones whatever engine held them, even after the probe's own warm-up ({@code LatencyRuns}, 40 s of
 * its load on a topic of its own). Per-thread CPU of every process showed the harness JVM's C2
 * compiler thread using 0.24-0.30 cores in the first point's window, 0.07 in the second's and none
 * from the third on: when the first point's clients start (a new producer and consumer, a job's
 * consumer group, the window's meters) the harness deoptimizes a burst of its compiled Kafka-client
 * methods (about 40 in 100 ms: {@code NetworkClient.poll}, {@code Selector.pollSelectionKeys},
 * {@code Sender.sendProducerData}, {@code FetchCollector.collectFetch}, ...) and compiles them again
 * during the window, on the cores the job and the broker need. The broker's compiler was at 0.05-0.07
 * cores in the first window against 0.01-0.06 later. Dirty pages (under 70 MB, no writeback), the
 * log cleaner and topic deletion did not differ between the positions.
 *
 * <p>How many: {@link io.strand.benchmarks.workload.LatencyOptions#warmupPoints()} (0: none, the tree before).
 *
 * <p>Threading: the harness thread.
 */
final class WarmupPoints {

  private static final Logger LOG = LoggerFactory.getLogger(WarmupPoints.class);
  /** The warm-up points' job: no engine's own code. */
  static final Workload JOB = Workload.RAW_PASSTHROUGH;

  /**
   * The longest window of a warm-up point: the command's low window. What warms up is the
   * first seconds of each client and meter on the paths a point takes, not their length: with
   * {@code --latency-seconds 120} an uncapped warm-up point ran 60 s.
   */
  static final Duration MAX_WINDOW = Duration.ofSeconds(4);

  private final SuiteSettings settings;
  private final SuiteResults results;
  private final LatencyJobs jobs;

  WarmupPoints(SuiteSettings settings, SuiteResults results, LatencyJobs jobs) {
    this.settings = settings;
    this.results = results;
    this.jobs = jobs;
  }

  /**
   * Runs the warm-up points.
   *
   * @param probe the probe the measured points use (its clients' code is what warms up)
   * @param resources the window meters the measured points use
   * @param rate the first measured point's rate, records/s
   * @throws InterruptedException if interrupted
   */
  void run(LatencyProbe probe, WindowResources resources, double rate) throws InterruptedException {
    int n = settings.latencyOptions().warmupPoints();
    if (n == 0) {
      return;
    }
    results.note(String.format(Locale.ROOT, "latency warm-up: %d unmeasured point(s) of the %s at %s"
        + " records/s before the first latency point, each a full point (topics, settle, job JVM, probe clients,"
        + " warm-up and a window of at most " + MAX_WINDOW.toSeconds() + " s; no job warm-up), so that no"
        + " engine's point is the one in which the harness and the broker compile"
        + " their code again (-D%s=0: none)", n, JOB.label(), Suite.fmt(rate),
        LatencyOptions.WARMUP_POINTS_PROPERTY));
    for (int i = 1; i <= n; i++) {
      point(probe, resources, rate, i);
    }
  }

  /**
   * @param lowPointMeasured the low point's window
   * @return a warm-up point's window: the low point's, at most {@link #MAX_WINDOW}
   */
  static Duration window(Duration lowPointMeasured) {
    return lowPointMeasured.compareTo(MAX_WINDOW) > 0 ? MAX_WINDOW : lowPointMeasured;
  }

  private void point(LatencyProbe probe, WindowResources resources, double rate, int i) throws InterruptedException {
    jobs.on(resources, JOB, "WARMUP" + i, "warm-up point " + i, job -> {
      Duration warmup = settings.latencyWarmup();
      Duration measured = window(settings.lowPointMeasured());
      LatencyResult r = probe.measure(job.input(), job.output(), rate, warmup, warmup.plus(measured), measured, false);
      LOG.info("Latency warm-up point {} of {} ({} at {} records/s, not reported): p50 {} ms, p99 {} ms, parts' p99 {}{}",
          i, settings.latencyOptions().warmupPoints(), JOB.label(), Suite.fmt(rate), Suite.fmt2(r.p50Ms()),
          Suite.fmt2(r.p99Ms()), r.partP99Ms(), resources.last().map(u -> String.format(Locale.ROOT,
              "; cores job %.2f, broker %.2f, harness %.2f, other processes %.2f", u.jobCores(), u.brokerCores(),
              u.harnessCores(), u.otherCores())).orElse(""));
      return r;
    });
  }
}
