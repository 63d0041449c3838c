package io.strand.benchmarks.report;

import io.strand.benchmarks.measure.LatencyResult;
import io.strand.benchmarks.measure.SustainableSearch;
import io.strand.benchmarks.measure.WorkerResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code runs.csv} (one line per throughput run; the second table's in
 * {@code runs-large-keys.csv}) and {@code latency.csv} (one line per
 * latency measurement: workload and load point; {@code saturation} is empty unless the point was
 * saturated; the input hop's columns are empty where it was not measured; the warm-up's length and
 * whether the job had caught up by its end) and {@code latency-slices.csv} (the
 * highest latency per {@value LatencyResult#SLICE_MS} ms slice of each measured window) and
 * {@code latency-sustainable.csv} (each workload's sustainable maximum in the latency setup and the
 * search's steps, when searched) and
 * {@code latency-stages.csv} (where the time goes, by stage: {@link LatencyResult#stages()}, with the
 * harness JVM's GC time over the run). Units are in the column names.
 *
 * <p>Threading: stateless.
 */
public final class CsvReport {

  private CsvReport() {
  }

  /**
   * @param results the run
   * @param dir the output directory
   * @throws IOException if a file cannot be written
   */
  public static void write(SuiteResults results, Path dir) throws IOException {
    Files.write(dir.resolve("runs.csv"), runs(results), StandardCharsets.UTF_8);
    if (results.largeKeys().isPresent()) {
      Files.write(dir.resolve("runs-large-keys.csv"), runs(results.largeKeys().get()), StandardCharsets.UTF_8);
    }
    List<String> lat = new ArrayList<>();
    lat.add("workload,load_point,offered_records_per_s,achieved_records_per_s,sent,received,p50_ms,p99_ms,p999_ms,max_ms,"
        + "first_half_p50_ms,second_half_p50_ms,saturation,input_hop_p50_ms,input_hop_p99_ms,warmup_ms,warmup_caught_up,"
        + "part_p99_ms");
    results.latency().forEach(run -> lat.add(latencyLine(run.workload().name(), run.point(), run.result())));
    Files.write(dir.resolve("latency.csv"), lat, StandardCharsets.UTF_8);
    List<String> slices = new ArrayList<>();
    slices.add("workload,load_point,slice_start_ms,max_ms");
    for (LatencyRun run : results.latency()) {
      List<Double> max = run.result().sliceMaxMs();
      for (int i = 0; i < max.size(); i++) {
        slices.add(String.join(",", run.workload().name(), run.point().name(),
            Integer.toString(i * LatencyResult.SLICE_MS), f(max.get(i))));
      }
    }
    Files.write(dir.resolve("latency-slices.csv"), slices, StandardCharsets.UTF_8);
    List<String> stages = new ArrayList<>();
    stages.add("workload,load_point,stage,p50_ms,p99_ms,p999_ms,max_ms,records,harness_gc_ms");
    for (LatencyRun run : results.latency()) {
      run.result().stages().forEach((stage, h) -> stages.add(String.join(",", run.workload().name(),
          run.point().name(), '"' + stage + '"', f(h.p50Ms()), f(h.p99Ms()), f(h.p999Ms()), f(h.maxMs()),
          Long.toString(h.records()), f(run.result().harnessGcMs()))));
    }
    Files.write(dir.resolve("latency-stages.csv"), stages, StandardCharsets.UTF_8);
    if (!results.sustainable().isEmpty()) {
      Files.write(dir.resolve("latency-sustainable.csv"), sustainable(results), StandardCharsets.UTF_8);
    }
  }

  /** The sustainable maximum's search: one line per step, each with its workload's outcome. */
  static List<String> sustainable(SuiteResults results) {
    List<String> lines = new ArrayList<>();
    lines.add("workload,throughput_max_records_per_s,search_from_records_per_s,search_to_records_per_s,"
        + "sustainable_max_records_per_s,lowest_saturated_records_per_s,step,step_offered_records_per_s,step_sustained,"
        + "step_p50_ms,step_p99_ms,step_saturation");
    results.sustainable().forEach((w, m) -> {
      List<SustainableSearch.Step> steps = m.outcome().steps();
      String head = String.join(",", w.name(), f(m.throughputMax()), f(m.from().sustained()), f(m.from().saturated()), f(m.rate()),
          f(m.outcome().saturatedRate()));
      if (steps.isEmpty()) {
        lines.add(head + ",0,,,,,");
      }
      for (int i = 0; i < steps.size(); i++) {
        SustainableSearch.Step st = steps.get(i);
        lines.add(String.join(",", head, Integer.toString(i + 1), f(st.rate()), Boolean.toString(st.sustained()),
            f(st.p50Ms()), f(st.p99Ms()), '"' + st.saturation().replace('"', '\'') + '"'));
      }
    });
    return lines;
  }

  private static List<String> runs(SuiteResults results) {
    List<String> runs = new ArrayList<>();
    runs.add("workload,engine,kind,round,ok,records,seconds,records_per_s,job_cpu_s,broker_cpu_s,job_peak_rss_mib,failure");
    for (Measurement m : results.measurements()) {
      WorkerResult r = m.result();
      runs.add(String.join(",", m.workload().name(), m.workload().engine().label(), m.workload().kind().label(),
          Integer.toString(m.round()), Boolean.toString(r.ok()), Long.toString(r.records()),
          f(r.elapsedNanos() / 1e9), f(r.recordsPerSecond()), f(r.jobCpuNanos() / 1e9), f(r.brokerCpuNanos() / 1e9),
          Long.toString(r.peakRssKb() / 1024), r.failure() == null ? "" : '"' + r.failure().replace('"', '\'') + '"'));
    }
    return runs;
  }

  private static String latencyLine(String name, LoadPoint point, LatencyResult r) {
    return String.join(",", name, point.name(), f(r.offeredRate()), f(r.achievedRate()), Long.toString(r.sent()),
        Long.toString(r.received()), f(r.p50Ms()), f(r.p99Ms()), f(r.p999Ms()), f(r.maxMs()), f(r.firstHalfP50Ms()),
        f(r.secondHalfP50Ms()), '"' + r.saturation().replace('"', '\'') + '"',
        r.inputHop().map(h -> f(h.p50Ms())).orElse(""), r.inputHop().map(h -> f(h.p99Ms())).orElse(""),
        f(r.warmup().ms()), Boolean.toString(r.warmup().caughtUp()),
        // Each part's p99 in order, ';'-separated in one field.
        r.partP99Ms().stream().map(CsvReport::f).collect(java.util.stream.Collectors.joining(";")));
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
