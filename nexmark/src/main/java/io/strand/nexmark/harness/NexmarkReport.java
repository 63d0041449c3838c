package io.strand.nexmark.harness;

import io.strand.benchmarks.report.Machine;
import io.strand.benchmarks.report.Stats;
import io.strand.nexmark.engine.WorkerResult;
import io.strand.nexmark.latency.LatencyFigures;
import io.strand.nexmark.query.Query;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Writes the suite's report: {@code runs.csv} (one row per run), {@code results.md} (medians per
 * query and engine with the spread, Strand's ratios, the agreement check, the notes and problems)
 * and {@code throughput.png}.
 */
final class NexmarkReport {

  private NexmarkReport() {
  }

  static List<Path> write(SuiteSettings settings, NexmarkSuite suite) throws IOException {
    Path dir = settings.outDir();
    List<Path> files = new ArrayList<>();
    files.add(Files.writeString(dir.resolve("runs.csv"), csv(suite.runs()), StandardCharsets.UTF_8));
    files.add(Files.writeString(dir.resolve("results.md"), markdown(settings, suite), StandardCharsets.UTF_8));
    files.add(chart(settings, suite.runs(), dir.resolve("throughput.png")));
    return files;
  }

  private static String csv(List<RunRecord> runs) {
    StringBuilder b = new StringBuilder("round,query,engine,status,input_records,seconds,records_per_s,"
        + "cpu_us_per_record,peak_rss_mib,output_records,agreement\n");
    for (RunRecord r : runs) {
      WorkerResult w = r.result();
      b.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%d,%.3f,%.0f,%.3f,%d,%d,%s%n", r.round(), w.query(),
          w.engine(), w.status(), w.inputRecords(), w.seconds(), w.recordsPerSecond(), w.cpuNsPerRecord() / 1000,
          w.peakRssBytes() >> 20, w.outputRecords(), r.agreement()));
    }
    return b.toString();
  }

  private static OptionalDouble median(List<RunRecord> runs, Query q, String engine, ToDoubleFunction<WorkerResult> f) {
    return Stats.median(values(runs, q, engine, f));
  }

  private static double[] values(List<RunRecord> runs, Query q, String engine, ToDoubleFunction<WorkerResult> f) {
    return runs.stream().filter(r -> r.result().query().equals(q.id()) && r.result().engine().equals(engine)
        && r.result().ok()).mapToDouble(r -> f.applyAsDouble(r.result())).toArray();
  }

  private static String markdown(SuiteSettings s, NexmarkSuite suite) {
    List<RunRecord> runs = suite.runs();
    StringBuilder b = new StringBuilder("# Nexmark on Kafka\n\n");
    b.append(String.format(Locale.ROOT, "%,d events, %d round(s), parallelism %d, worker heap %d MiB, broker heap %d MiB"
            + " in its own JVM; engines %s; each run in a fresh JVM, engine order rotated per round.%n%n",
        s.generator().events(), s.rounds(), s.parallelism(), s.workerHeapMb(), s.brokerHeapMb(), s.engines()));
    b.append("Machine: ").append(Machine.describe()).append("; ").append(Machine.jvm()).append("\n\n");
    b.append("records/s: the query's input events over the timed window (first record read to last output"
        + " written), median of the rounds [min–max]; CPU: the worker JVM's CPU time per input record over that"
        + " window (µs); RSS: the worker's peak resident set (MiB). Agreement: every engine's final results equal"
        + (s.generator().events() <= s.compareLimit() ? " the model answer (in-memory reference)" : " the first engine's")
        + " as multisets.\n\n");
    b.append("| query |");
    for (String e : s.engines()) {
      b.append(' ').append(e).append(" records/s | ").append(e).append(" CPU µs/rec | ").append(e).append(" RSS MiB |");
    }
    b.append(" strand/kstreams | strand/flink | strand/flink per core | agreement |\n|---|");
    b.append("---|---|---|".repeat(s.engines().size())).append("---|---|---|---|\n");
    for (Query q : s.queries()) {
      b.append("| ").append(q.id()).append(" |");
      for (String e : s.engines()) {
        double[] rates = values(runs, q, e, WorkerResult::recordsPerSecond);
        if (rates.length == 0) {
          String status = runs.stream().filter(r -> r.result().query().equals(q.id()) && r.result().engine().equals(e))
              .map(r -> r.result().status()).findFirst().orElse("not run");
          b.append(' ').append(status).append(" | | |");
          continue;
        }
        b.append(String.format(Locale.ROOT, " %,.0f [%,.0f–%,.0f] | %.2f | %.0f |", Stats.median(rates).orElse(0),
            min(rates), max(rates), median(runs, q, e, w -> w.cpuNsPerRecord() / 1000).orElse(0),
            median(runs, q, e, w -> w.peakRssBytes() / 1048576.0).orElse(0)));
      }
      b.append(' ').append(ratio(runs, q, "kstreams")).append(" | ").append(ratio(runs, q, "flink")).append(" | ")
          .append(perCoreRatio(runs, q, "flink")).append(" | ");
      boolean differs = runs.stream().anyMatch(r -> r.result().query().equals(q.id()) && r.agreement().equals("DIFFERS"));
      boolean same = runs.stream().anyMatch(r -> r.result().query().equals(q.id()) && r.agreement().equals("same"));
      b.append(differs ? "**DIFFERS**" : same ? "same" : "-").append(" |\n");
    }
    if (!suite.latencies().isEmpty()) {
      b.append("\n## Latency at a fixed offered load\n\nEach query and engine once more on live input: the engine"
          + " started on empty topics, then the generator at a fixed rate with event time following wall-clock time."
          + " Latency of a result: its append to the output (the broker's LogAppendTime) minus the moment it became"
          + " due, the same rule for every engine (io.strand.nexmark.latency.ResultTriggers): the input bid's append"
          + " for q0-q2 (found from the result's fields), the later append of the auction and its seller for q3,"
          + " and for q5/q7/q8 the moment every input partition had appended a record at or after window end + 2 s"
          + " (the watermark passing the window end; q11: last bid + gap + 2 s), end-of-input markers included:"
          + " what the engine adds to the delay the query's definition imposes. Input appends are the generator's"
          + " acknowledgements. Results due in the first " + LatencyProbe.WARM_UP_MS / 1000 + " s (start-up) are not"
          + " measured; early results (appended before due) are counted as their negative latency. Engines run"
          + " with the throughput client settings. A run is marked saturated when the generator fell more than"
          + " 100 ms behind its schedule or the median exceeds 5 s: then the figures measure a queue on the machine,"
          + " not the engine.\n\n"
          + "| query | engine | events/s | p50 ms | p99 ms | p99.9 ms | min ms | max ms | results | early | warm-up"
          + " | status | generator behind ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
      for (NexmarkSuite.LatencyRecord l : suite.latencies()) {
        LatencyFigures f = l.latency();
        b.append(String.format(Locale.ROOT, "| %s | %s | %,d | %d | %d | %d | %d | %d | %,d | %,d | %,d | %s | %d |%n",
            l.query().id(), l.engine(), l.rate(), f.p50Ms(), f.p99Ms(), f.p999Ms(), f.minMs(), f.maxMs(), f.count(),
            f.early(),
            f.warmUp(), (l.generatorBehindMs() > 100 || f.p50Ms() > 5000 ? l.status() + ", saturated" : l.status())
                + (f.unmatched() > 0 ? ", " + f.unmatched() + " unmatched" : ""), l.generatorBehindMs()));
      }
    }
    b.append("\nRatios: medians of records/s at the same parallelism (throughput), and per core: the other engine's"
        + " median CPU µs per record over Strand's, that is records/s per core of CPU the worker JVM used (at"
        + " parallelism 1 an engine may still use more than one core: Flink fetches, decodes and windows on"
        + " threads of their own). CPU per record is also the fairer figure on a loaded machine.\n\n## Notes\n\n");
    suite.notes().forEach(n -> b.append("- ").append(n).append('\n'));
    b.append("\n## Problems\n\n");
    if (suite.problems().isEmpty()) {
      b.append("None: every run completed and every compared output agreed.\n");
    } else {
      suite.problems().forEach(p -> b.append("```\n").append(p).append("\n```\n"));
    }
    return b.toString();
  }

  /**
   * Strand's records/s per core against another engine's: their CPU per record over Strand's, so
   * above 1 means Strand does the query's work with less CPU (issue 19's "per core").
   */
  static String perCoreRatio(List<RunRecord> runs, Query q, String other) {
    OptionalDouble strand = median(runs, q, "strand", WorkerResult::cpuNsPerRecord);
    OptionalDouble them = median(runs, q, other, WorkerResult::cpuNsPerRecord);
    return strand.isPresent() && them.isPresent() && strand.getAsDouble() > 0
        ? String.format(Locale.ROOT, "%.2f×", them.getAsDouble() / strand.getAsDouble()) : "-";
  }

  private static String ratio(List<RunRecord> runs, Query q, String other) {
    OptionalDouble strand = median(runs, q, "strand", WorkerResult::recordsPerSecond);
    OptionalDouble them = median(runs, q, other, WorkerResult::recordsPerSecond);
    return strand.isPresent() && them.isPresent() && them.getAsDouble() > 0
        ? String.format(Locale.ROOT, "%.2f×", strand.getAsDouble() / them.getAsDouble()) : "-";
  }

  private static double min(double[] v) {
    return java.util.Arrays.stream(v).min().orElse(0);
  }

  private static double max(double[] v) {
    return java.util.Arrays.stream(v).max().orElse(0);
  }

  private static Path chart(SuiteSettings s, List<RunRecord> runs, Path file) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(900).height(480).title("Nexmark: records/s (median)")
        .xAxisTitle("query").yAxisTitle("records/s").build();
    List<String> queries = s.queries().stream().map(Query::id).toList();
    for (String e : s.engines()) {
      List<Double> ys = s.queries().stream().map(q -> median(runs, q, e, WorkerResult::recordsPerSecond).orElse(0))
          .toList();
      chart.addSeries(e, queries, ys);
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    return file;
  }
}
