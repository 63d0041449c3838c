package io.strand.benchmarks.report;

import io.strand.benchmarks.measure.LatencyProbe;
import io.strand.benchmarks.measure.LatencyResult;
import io.strand.benchmarks.measure.SustainableSearch;
import io.strand.benchmarks.workload.ClientSettings;
import io.strand.benchmarks.workload.LatencyOptions;
import io.strand.benchmarks.workload.SuiteSettings;
import io.strand.benchmarks.workload.Workload;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders the latency section of {@code results.md}: how it was measured, then one row per
 * workload and load point, with "saturated" (and why) in place of a verdict where the offered load
 * was more than the machine could carry.
 *
 * <p>Threading: stateless.
 */
final class LatencyReport {

  private LatencyReport() {
  }

  /** The job's warm-up in the report's words, or nothing when it is off. */
  static String jobWarmup(LatencyOptions o) {
    if (o.jobWarmupCommits() == 0) {
      return "";
    }
    return String.format(Locale.ROOT, " and at least %d commit intervals and a second (%d s) since the job reported ready, then late enough that the job's next commit falls in the window's middle, so every"
        + " window holds one steady commit (every engine commits every %d s; a fresh JVM's first commits run the commit path's code for the first time, and"
        + " the suite measures the steady state, commits included)", o.jobWarmupCommits(), o.jobWarmup().toSeconds(),
        ClientSettings.COMMIT_MS / 1000);
  }

  static String render(SuiteResults results) {
    SuiteSettings s = results.settings();
    StringBuilder md = new StringBuilder("\n## End-to-end latency\n\n");
    if (!s.measuresLatency()) {
      return md.append("Not measured (--latency-seconds 0).\n").toString();
    }
    md.append(String.format(Locale.ROOT, "Each streaming workload runs twice more as an unbounded job (a fresh JVM and"
            + " fresh topics each time), offered one load each: a fixed low load of %,.0f records/s, the same for every"
            + " engine, measured over %.1f s, and 50 %% of the workload's median throughput above (*50 %% of"
            + " throughput max*: input preloaded, no load generator on the machine), measured over %d s. Every"
            + " workload's low point runs first, then every workload's 50 %% point, so no low point follows another"
            + " engine's 50 %% point. Warm-up at least %d s%s, then until the job has"
            + " caught up with its input (the median latency of its outputs per 0.5 s stopped falling and is at most"
            + " 50 ms), for at most one window more: the *warm-up* column says how long it took, and *deadline* where"
            + " the job had not caught up by then; before each job starts, the harness lets the machine settle after"
            + " what ran before (the previous job exited and its topics deleted, sync, then the broker under 5 %% of a"
            + " core, at most twice the warm-up), so no"
            + " engine inherits another's aftermath. Latency = output consumed minus input produced (wall clock,"
            + " same host). Every engine runs with the throughput client settings changed by %s. A point is"
            + " **saturated** when the load generator fell behind, outputs were missing %d s after the load, or the"
            + " median latency of one half of the window was over twice that of the other (and 20 ms more) or above 1 s:"
            + " no steady state or a standing queue, so the percentiles measure a queue on this machine, not the"
            + " job.%n%n",
        s.latencyLowRate(), s.lowPointMeasured().toMillis() / 1000.0, s.latencyMeasured().toSeconds(),
        s.latencyWarmup().toSeconds(), jobWarmup(s.latencyOptions()),
        ClientSettings.latencyOverrides(), LatencyProbe.DRAIN_MS / 1000));
    md.append(String.format(Locale.ROOT, "Each point's spread: the window is cut into parts of %d s (by the inputs'"
        + " produce time) and the *p99 of each part* column gives the lowest, median and highest of their p99s: how"
        + " far the point's p99 would move with a window taken a few seconds earlier or later. Two points whose"
        + " parts' ranges overlap are not told apart by this run.%n%n", LatencyResult.PART_MS / 1000));
    md.append("At the low point the probe also reads the job's input as the job does: the *input hop* (load producer,"
        + " broker, a consumer's fetch) is part of every engine's latency before the job sees a record.\n\n");
    md.append("| workload | load | offered rec/s | achieved rec/s | p50 ms | p99 ms | p99.9 ms | max ms | outputs seen"
        + " | p99 of each part, min / median / max ms | input hop p50 / p99 ms | warm-up s | p99 <= 20 ms |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Workload w : Workload.values()) {
      boolean any = false;
      for (LatencyRun run : results.latency()) {
        if (run.workload() != w) {
          continue;
        }
        any = true;
        LatencyResult r = run.result();
        md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %.1f | %.1f | %.1f | %.1f | %d/%d | %s | %s"
                + " | %.1f%s | %s |%n",
            w.label(), run.point().label(), r.offeredRate(), r.achievedRate(), r.p50Ms(), r.p99Ms(), r.p999Ms(),
            r.maxMs(), r.received(), r.sent(),
            r.partP99Spread().map(v -> String.format(Locale.ROOT, "%.1f / %.1f / %.1f", v[0], v[1], v[2])).orElse("-"),
            r.inputHop().map(h -> String.format(Locale.ROOT, "%.1f / %.1f", h.p50Ms(), h.p99Ms())).orElse("-"),
            r.warmup().ms() / 1000, r.warmup().caughtUp() ? "" : " (deadline)", verdict(r)));
      }
      if (!any && w.hasLatency() && s.workloads().contains(w)) {
        md.append("| ").append(w.label()).append(" | | not available | | | | | | | | | | |\n");
      }
    }
    sustainable(results, md);
    stages(results, md);
    return md.toString();
  }

  /** The sustainable maximum in the latency setup, and the p99 at 50 % of each maximum side by side. */
  private static void sustainable(SuiteResults results, StringBuilder md) {
    SuiteSettings s = results.settings();
    if (!s.latencyOptions().sustainableSearch() || !s.latencyHalfPoint()) {
      return;
    }
    md.append(String.format(Locale.ROOT, "%nSustainable maximum: the throughput rounds' maximum has the input preloaded"
        + " and no load generator on the machine; in the latency setup the load generator and the probe share the"
        + " cores with the job and the broker, and half of that maximum can still be more than the machine carries."
        + " So after the 50 %% points each workload gets one more job, offered rates by bisection (geometric) between"
        + " its low rate (taken as sustained when its low point was) and its throughput maximum (narrowed first by"
        + " what its 50 %% point showed), each step the same warm-up and a %.1f s window judged by the saturation"
        + " rule above, to %.0f %% or %d steps; the job drains what a step queued before the next. The *sustainable"
        + " max* is the highest rate sustained (the field's definition for latency experiments: Karimov et al., ICDE"
        + " 2018). Then every workload's third point, *50 %% of sustainable max*, on a fresh job, measured as the"
        + " others.%n%n", s.lowPointMeasured().toMillis() / 1000.0,
        SustainableSearch.SUITE_RESOLUTION * 100, SustainableSearch.SUITE_STEPS));
    md.append(s.latencyOptions().searchNeedsCatchUp() ? "A step counts as sustained only when its warm-up also"
        + " caught up (the median per 0.5 s flat and at most 50 ms before the deadline): a 4 s window alone passed"
        + " standing queues of up to 0.9 s.\n\n"
        : "In this run a step counted as sustained by the saturation rule alone (-D"
        + LatencyOptions.SEARCH_CATCH_UP_PROPERTY + "=false), whether or not its warm-up caught up.\n\n");
    md.append("| workload | throughput max rec/s | search from / to rec/s | steps: rec/s (s = sustained, x = saturated)"
        + " | sustainable max rec/s | lowest saturated rec/s | sustainable / throughput max | search s"
        + " | p99 ms at 50 % of throughput max | p99 ms at 50 % of sustainable max |\n");
    md.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
    results.sustainable().forEach((w, m) -> {
      String steps = m.outcome().steps().stream().map(st -> String.format(Locale.ROOT, "%,.0f %s", st.rate(),
          st.sustained() ? "s" : "x")).collect(Collectors.joining(", "));
      boolean ceilingTested = m.outcome().steps().stream().anyMatch(st -> !st.sustained())
          || m.outcome().saturatedRate() < m.throughputMax();
      md.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f / %,.0f | %s | %,.0f | %s | %.2f | %.0f | %s | %s |%n",
          w.label(), m.throughputMax(), m.from().sustained(), m.from().saturated(), steps.isEmpty() ? "-" : steps, m.rate(),
          ceilingTested ? String.format(Locale.ROOT, "%,.0f", m.outcome().saturatedRate()) : "not reached",
          m.rate() / m.throughputMax(), m.seconds(), p99(results, w, LoadPoint.HALF),
          p99(results, w, LoadPoint.HALF_SUSTAINABLE)));
    });
  }

  private static String p99(SuiteResults results, Workload w, LoadPoint point) {
    LatencyResult r = results.latency(point).get(w);
    if (r == null) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f%s", r.p99Ms(), r.saturated() ? " (saturated)" : "");
  }

  /** Where the time goes: the latency split at the broker's logs, when the topics carried append times. */
  private static void stages(SuiteResults results, StringBuilder md) {
    if (results.latency().stream().allMatch(run -> run.result().stages().isEmpty())) {
      return;
    }
    md.append("\nWhere the time goes: the same records' latency split at the broker's logs (the job's topics carry the"
        + " broker's append time, 1 ms resolution): load producer to the input's log (the load generator's own"
        + " batching and pauses, the broker's append), the input's log to a consumer (the input hop's fetch; low"
        + " point only), load producer to the output's log (input hop, job, the job's producer), the output's log"
        + " to the probe (the probe's own fetch); p50 / p99 / p99.9 ms. Harness GC: the harness JVM's (load"
        + " producer, probe consumers) GC time over the warm-up and the window. Inside each job's JVM, the same"
        + " interceptor on every engine's clients (JobHops) notes per second the stamp to the job's poll and to its"
        + " send, and the input's log to the poll: workers/latency-<workload>-<LOW|HALF>.job-hops.csv. Cores: CPU"
        + " per second of the window of the job, the broker, the harness and every other process on the machine"
        + " (another helper's build, say): a point with other processes busy waited for the cores its threads"
        + " needed and is not comparable with one without; broker GC: its collectors' time in the window.\n\n");
    md.append("| workload | load |");
    LatencyProbe.STAGES.forEach(st -> md.append(' ').append(st).append(" |"));
    md.append(" harness GC ms | cores job / broker / harness / other | broker GC ms |\n|---|---|");
    LatencyProbe.STAGES.forEach(st -> md.append("---:|"));
    md.append("---:|---:|---:|\n");
    for (LatencyRun run : results.latency()) {
      LatencyResult r = run.result();
      md.append("| ").append(run.workload().label()).append(" | ").append(run.point().label()).append(" |");
      for (String st : LatencyProbe.STAGES) {
        LatencyResult.Hop h = r.stages().get(st);
        md.append(h == null ? " - |" : String.format(Locale.ROOT, " %.1f / %.1f / %.1f |", h.p50Ms(), h.p99Ms(),
            h.p999Ms()));
      }
      md.append(String.format(Locale.ROOT, " %.0f | %s | %s |%n", r.harnessGcMs(),
          run.usage().map(u -> String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %s", u.jobCores(), u.brokerCores(),
              u.harnessCores(), u.otherCores() < 0 ? "-" : String.format(Locale.ROOT, "%.2f", u.otherCores())))
              .orElse("-"),
          run.usage().filter(u -> u.brokerGcMs() >= 0).map(u -> Long.toString(u.brokerGcMs())).orElse("-")));
    }
  }

  private static String verdict(LatencyResult r) {
    if (r.saturated()) {
      return "saturated (" + r.saturation() + ")";
    }
    return r.p99Ms() <= MarkdownReport.P99_TARGET_MS ? "met" : "missed";
  }
}
