package io.strand.benchmarks.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CatchUpTest {

  private static final long SLICE = TimeUnit.MILLISECONDS.toNanos(CatchUp.SLICE_MS);

  @Test
  void aFlatMedianHasCaughtUp() {
    assertTrue(CatchUp.settled(List.of(11.0, 16.0, 12.0, 13.0)));
    assertTrue(CatchUp.settled(List.of(4.0, 2.5, 3.0, 3.5)), "a few ms of noise at small medians");
  }

  @Test
  void aFallingMedianIsABacklogStillDraining() {
    // Session 10's Strand passthrough, input log to job poll by second: 149, 31, 11 ms.
    assertFalse(CatchUp.settled(List.of(149.0, 31.0, 11.0, 10.0)));
    assertFalse(CatchUp.settled(List.of(31.0, 24.0, 17.0, 15.0)), "a slow drain");
    // The first run's Strand passthrough: still 13 ms behind at p50 after these, 7 ms two seconds later.
    assertFalse(CatchUp.settled(List.of(129.54, 55.04, 43.26, 44.54)));
  }

  @Test
  void aSpikeKeepsTheWindowClosedUntilItHasPassed() {
    assertFalse(CatchUp.settled(List.of(5.0, 40.0, 5.0, 5.0)));
    assertTrue(CatchUp.settled(List.of(5.0, 5.0, 5.5, 5.0)));
  }

  @Test
  void aFlatMedianAboveTheBoundIsAQueueNotCaughtUp() {
    assertFalse(CatchUp.settled(List.of(300.0, 310.0, 305.0, 300.0)));
  }

  @Test
  void aSliceWithoutOutputsIsNotCaughtUp() {
    assertFalse(CatchUp.settled(List.of(5.0, Double.NaN, 5.0, 5.0)));
  }

  @Test
  void slicesCloseByReceiveTimeAlsoWhenNothingCame() {
    CatchUp c = new CatchUp();
    long t = 1_000_000_000L;
    c.tick(t);
    for (int i = 0; i < 100; i++) {
      c.record(t + i * 1_000_000L, 400_000); // 400 ms late: a backlog
    }
    c.tick(t + SLICE);
    assertEquals(List.of(400.0), c.slices().stream().map(m -> (double) Math.round(m)).toList());
    assertFalse(c.caughtUp(), "one slice is not enough");

    c.tick(t + 2 * SLICE + 1); // nothing came in the second slice
    for (int k = 2; k < 6; k++) {
      for (int i = 0; i < 100; i++) {
        c.record(t + k * SLICE + i * 1_000_000L, 5_000);
      }
    }
    c.tick(t + 6 * SLICE);

    List<Double> slices = c.slices();
    assertEquals(6, slices.size(), slices::toString);
    assertTrue(Double.isNaN(slices.get(1)), slices::toString);
    assertTrue(c.caughtUp(), () -> "four flat slices of 5 ms: " + slices);
  }
}
