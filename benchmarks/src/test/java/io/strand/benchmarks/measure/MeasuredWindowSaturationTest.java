package io.strand.benchmarks.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeasuredWindowSaturationTest {

  @Test
  void aSteadyRunIsNotSaturated() {
    assertEquals("", MeasuredWindow.saturation(20_000, 19_990, 100_000, 100_000, 3.0, 4.5));
  }

  @Test
  void smallLatenciesThatDoubleAreNoBacklog() {
    assertEquals("", MeasuredWindow.saturation(20_000, 20_000, 100_000, 100_000, 2.0, 9.0));
  }

  @Test
  void aGrowingMedianIsABacklog() {
    assertTrue(MeasuredWindow.saturation(20_000, 20_000, 100_000, 100_000, 40, 900).contains("p50 grew"));
  }

  @Test
  void aMedianThatFallsIsABacklogStillDraining() {
    assertTrue(MeasuredWindow.saturation(20_000, 20_000, 100_000, 100_000, 900, 300).contains("p50 fell"));
  }

  @Test
  void aStandingQueueOfSecondsIsSaturation() {
    assertTrue(MeasuredWindow.saturation(20_000, 20_000, 100_000, 100_000, 2_700, 2_750).contains("queue"));
  }

  @Test
  void missingOutputsAndASlowGeneratorAreSaturation() {
    String why = MeasuredWindow.saturation(400_000, 300_000, 3_000_000, 2_000_000, 10, 12);

    assertTrue(why.contains("load generator reached 300,000 of 400,000"), why);
    assertTrue(why.contains("1,000,000 of 3,000,000 outputs missing"), why);
  }
}
