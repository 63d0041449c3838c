package io.strand.benchmarks.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LatencyResultSpreadTest {

  private static LatencyResult withParts(List<Double> parts) {
    return new LatencyResult(20_000, 20_000, 80_000, 80_000, 5, 20, 30, 40, 5, 5, "", Optional.empty(), List.of(),
        Map.of(), 0, new LatencyResult.Warmup(5_000, true, List.of()), parts);
  }

  @Test
  void spreadIsMinMedianMaxOfThePartsWithOutputs() {
    assertArrayEquals(new double[] {4, 9, 30}, withParts(List.of(9.0, 30.0, Double.NaN, 4.0)).partP99Spread()
        .orElseThrow(), 1e-9);
    assertArrayEquals(new double[] {4, 7.5, 30}, withParts(List.of(9.0, 30.0, 6.0, 4.0)).partP99Spread()
        .orElseThrow(), 1e-9);
  }

  @Test
  void noSpreadFromFewerThanTwoParts() {
    assertTrue(withParts(List.of(12.0)).partP99Spread().isEmpty());
    assertTrue(withParts(List.of(12.0, Double.NaN)).partP99Spread().isEmpty());
  }
}
