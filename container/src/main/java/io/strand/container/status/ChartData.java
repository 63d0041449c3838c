package io.strand.container.status;

import java.util.List;
import java.util.Map;

/**
 * The status page's time series, over the last minutes of reports (see {@link ReportHistory}): one
 * shared time axis and, per series, one value per time (null where that container did not report,
 * or where a rate cannot be known: its first report, or the first after a restart). The shape is
 * uPlot's ({@code [times, values...]}).
 *
 * <p>Threading: an immutable value.
 *
 * @param times the times, in epoch seconds, ascending
 * @param containerRate per container ({@code container <id>}), records processed per second
 * @param containerLag per container, its tasks' input lag summed, in records
 * @param taskRate per task, records processed per second
 * @param taskLag per task, its input lag summed over its partitions, in records
 */
public record ChartData(List<Double> times, Map<String, List<Double>> containerRate,
    Map<String, List<Double>> containerLag, Map<String, List<Double>> taskRate, Map<String, List<Double>> taskLag) {

  /** No data. */
  public static final ChartData EMPTY = new ChartData(List.of(), Map.of(), Map.of(), Map.of(), Map.of());

  /**
   * How many values are known (not null) in all series together.
   *
   * @return the count
   */
  public long points() {
    return count(containerRate) + count(containerLag) + count(taskRate) + count(taskLag);
  }

  private static long count(Map<String, List<Double>> series) {
    return series.values().stream().flatMap(List::stream).filter(v -> v != null).count();
  }
}
