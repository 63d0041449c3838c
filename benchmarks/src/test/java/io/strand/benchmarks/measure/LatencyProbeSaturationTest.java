package io.strand.benchmarks.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyProbeSaturationTest {

  @Test
  void aSteadyRunIsNotSaturated() {
    assertEquals("", LatencyProbe.saturation(20_000, 19_990, 100_000, 100_000, 3.0, 4.5));
  }

  @Test
  void smallLatenciesThatDoubleAreNoBacklog() {
    assertEquals("", LatencyProbe.saturation(20_000, 20_000, 100_000, 100_000, 2.0, 9.0));
  }

  @Test
  void aGrowingMedianIsABacklog() {
    assertTrue(LatencyProbe.saturation(20_000, 20_000, 100_000, 100_000, 40, 900).contains("p50 grew"));
  }

  @Test
  void aMedianThatFallsIsABacklogStillDraining() {
    assertTrue(LatencyProbe.saturation(20_000, 20_000, 100_000, 100_000, 900, 300).contains("p50 fell"));
  }

  @Test
  void aStandingQueueOfSecondsIsSaturation() {
    assertTrue(LatencyProbe.saturation(20_000, 20_000, 100_000, 100_000, 2_700, 2_750).contains("queue"));
  }

  @Test
  void missingOutputsAndASlowGeneratorAreSaturation() {
    String why = LatencyProbe.saturation(400_000, 300_000, 3_000_000, 2_000_000, 10, 12);

    assertTrue(why.contains("load generator reached 300,000 of 400,000"), why);
    assertTrue(why.contains("1,000,000 of 3,000,000 outputs missing"), why);
  }
}
