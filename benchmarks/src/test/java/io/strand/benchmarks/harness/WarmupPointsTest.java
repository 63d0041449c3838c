package io.strand.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How many warm-up points run: two by default, what the property says otherwise, never fewer than none. */
class WarmupPointsTest {

  @AfterEach
  void clear() {
    System.clearProperty(WarmupPoints.PROPERTY);
  }

  @Test
  void twoByDefault() {
    assertEquals(2, WarmupPoints.count());
  }

  @Test
  void thePropertySetsThemAndZeroTurnsThemOff() {
    System.setProperty(WarmupPoints.PROPERTY, "0");
    assertEquals(0, WarmupPoints.count());
    System.setProperty(WarmupPoints.PROPERTY, "3");
    assertEquals(3, WarmupPoints.count());
    System.setProperty(WarmupPoints.PROPERTY, "-1");
    assertEquals(0, WarmupPoints.count());
  }
}
