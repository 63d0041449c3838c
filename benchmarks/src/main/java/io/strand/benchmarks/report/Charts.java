package io.strand.benchmarks.report;

import io.strand.benchmarks.measure.LatencyResult;
import io.strand.benchmarks.workload.Engine;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.Workload;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws the run's PNG charts with XChart (headless): median throughput per kind of work and engine,
 * Strand's throughput ratios, and latency percentiles at the two load points.
 *
 * <p>Threading: stateless; needs {@code java.awt.headless=true} on machines without a display.
 */
public final class Charts {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 480;

  private Charts() {
  }

  /**
   * @param results the run
   * @param dir where to write the PNGs
   * @return the file names written
   * @throws IOException if a file cannot be written
   */
  public static List<String> write(SuiteResults results, Path dir) throws IOException {
    List<String> files = new ArrayList<>();
    files.add(save(throughput(results), dir, "throughput"));
    files.add(save(ratios(results), dir, "ratios"));
    if (!results.latency().isEmpty()) {
      files.add(save(latency(results), dir, "latency"));
    }
    return files;
  }

  private static CategoryChart throughput(SuiteResults results) {
    CategoryChart chart = base("Median throughput (records/s, higher is better)", "records/s");
    List<Kind> kinds = List.of(Kind.PASSTHROUGH, Kind.COUNT, Kind.WINDOWED, Kind.RESTORE, Kind.READ,
        Kind.FLIGHTS);
    List<String> x = kinds.stream().map(Kind::label).toList();
    for (Engine e : Engine.values()) {
      List<Number> y = new ArrayList<>();
      for (Kind k : kinds) {
        y.add(Workload.of(e, k).map(w -> results.medianRate(w).orElse(0)).orElse(0.0));
      }
      chart.addSeries(e.label(), x, y);
    }
    return chart;
  }

  private static CategoryChart ratios(SuiteResults results) {
    CategoryChart chart = base("Strand throughput as a ratio (1.0 = equal)", "ratio");
    List<Ratios.Row> rows = Ratios.of(results);
    List<String> x = rows.stream().map(r -> r.kind().label()).toList();
    chart.addSeries("Strand / raw", x, rows.stream().map(r -> (Number) r.vsRaw().orElse(0)).toList());
    chart.addSeries("Strand / Kafka Streams", x, rows.stream().map(r -> (Number) r.vsStreams().orElse(0)).toList());
    chart.addSeries("target vs raw", x, rows.stream().map(r -> (Number) (Double.isNaN(r.rawTarget()) ? 0 : r.rawTarget()))
        .toList());
    chart.addSeries("target vs Kafka Streams", x,
        rows.stream().map(r -> (Number) (Double.isNaN(r.streamsTarget()) ? 0 : r.streamsTarget())).toList());
    return chart;
  }

  /** p50 and p99 at the fixed low load, p99 at each 50 % point (0 where a point was not measured). */
  private static CategoryChart latency(SuiteResults results) {
    CategoryChart chart = base("End-to-end latency (ms, lower is better)", "ms");
    Map<Workload, LatencyResult> low = results.latency(LoadPoint.LOW);
    Map<Workload, LatencyResult> half = results.latency(LoadPoint.HALF);
    List<Workload> workloads = java.util.Arrays.stream(Workload.values())
        .filter(w -> low.containsKey(w) || half.containsKey(w)).toList();
    List<String> x = workloads.stream().map(Workload::label).toList();
    chart.addSeries("p50 at " + LoadPoint.LOW.label(), x, workloads.stream()
        .map(w -> (Number) (low.containsKey(w) ? low.get(w).p50Ms() : 0)).toList());
    chart.addSeries("p99 at " + LoadPoint.LOW.label(), x, workloads.stream()
        .map(w -> (Number) (low.containsKey(w) ? low.get(w).p99Ms() : 0)).toList());
    chart.addSeries("p99 at " + LoadPoint.HALF.label(), x, workloads.stream()
        .map(w -> (Number) (half.containsKey(w) ? half.get(w).p99Ms() : 0)).toList());
    Map<Workload, LatencyResult> sustainable = results.latency(LoadPoint.HALF_SUSTAINABLE);
    if (!sustainable.isEmpty()) {
      chart.addSeries("p99 at " + LoadPoint.HALF_SUSTAINABLE.label(), x, workloads.stream()
          .map(w -> (Number) (sustainable.containsKey(w) ? sustainable.get(w).p99Ms() : 0)).toList());
    }
    chart.getStyler().setXAxisLabelRotation(20);
    return chart;
  }

  private static CategoryChart base(String title, String yTitle) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setPlotGridVerticalLinesVisible(false);
    chart.getStyler().setYAxisDecimalPattern("#,###.##");
    return chart;
  }

  private static String save(CategoryChart chart, Path dir, String name) throws IOException {
    BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
    return name + ".png";
  }
}
