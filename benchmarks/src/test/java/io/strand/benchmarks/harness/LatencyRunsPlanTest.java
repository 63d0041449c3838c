package io.strand.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.benchmarks.report.LoadPoint;
import io.strand.benchmarks.workload.Workload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The latency runs' order: no low point after a 50 % point, workloads in their order within a point. */
class LatencyRunsPlanTest {

  @Test
  void everyLowPointRunsBeforeAnyHalfPoint() {
    Map<Workload, Map<LoadPoint, Double>> points = new LinkedHashMap<>();
    points.put(Workload.RAW_PASSTHROUGH, rates(20_000.0, 175_000.0));
    points.put(Workload.STRAND_PASSTHROUGH, rates(20_000.0, 160_000.0));
    // No low point: 20 k/s is not below its 50 % point.
    points.put(Workload.KAFKA_STREAMS_COUNT, rates(null, 15_000.0));

    List<LatencyRuns.Run> plan = LatencyRuns.plan(points);

    assertEquals(List.of(
        new LatencyRuns.Run(Workload.RAW_PASSTHROUGH, LoadPoint.LOW, 20_000.0),
        new LatencyRuns.Run(Workload.STRAND_PASSTHROUGH, LoadPoint.LOW, 20_000.0),
        new LatencyRuns.Run(Workload.RAW_PASSTHROUGH, LoadPoint.HALF, 175_000.0),
        new LatencyRuns.Run(Workload.STRAND_PASSTHROUGH, LoadPoint.HALF, 160_000.0),
        new LatencyRuns.Run(Workload.KAFKA_STREAMS_COUNT, LoadPoint.HALF, 15_000.0)), plan);
  }

  @Test
  void theReversedOrderReversesTheWorkloadsWithinEachPointAndKeepsLowPointsFirst() {
    Map<Workload, Map<LoadPoint, Double>> points = new LinkedHashMap<>();
    points.put(Workload.RAW_PASSTHROUGH, rates(20_000.0, 175_000.0));
    points.put(Workload.STRAND_PASSTHROUGH, rates(20_000.0, 160_000.0));

    List<LatencyRuns.Run> plan = LatencyRuns.reversedWithinPoints(LatencyRuns.plan(points));

    assertEquals(List.of(
        new LatencyRuns.Run(Workload.STRAND_PASSTHROUGH, LoadPoint.LOW, 20_000.0),
        new LatencyRuns.Run(Workload.RAW_PASSTHROUGH, LoadPoint.LOW, 20_000.0),
        new LatencyRuns.Run(Workload.STRAND_PASSTHROUGH, LoadPoint.HALF, 160_000.0),
        new LatencyRuns.Run(Workload.RAW_PASSTHROUGH, LoadPoint.HALF, 175_000.0)), plan);
  }

  private static Map<LoadPoint, Double> rates(Double low, double half) {
    Map<LoadPoint, Double> m = new LinkedHashMap<>();
    if (low != null) {
      m.put(LoadPoint.LOW, low);
    }
    m.put(LoadPoint.HALF, half);
    return m;
  }
}
