package io.strand.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A warm-up point's window: the low point's, capped. */
class WarmupPointsWindowTest {

  @Test
  void aShortLowWindowIsKeptAndALongOneCapped() {
    assertEquals(Duration.ofMillis(2_500), WarmupPoints.window(Duration.ofMillis(2_500)));
    assertEquals(Duration.ofSeconds(4), WarmupPoints.window(Duration.ofSeconds(4)));
    assertEquals(WarmupPoints.MAX_WINDOW, WarmupPoints.window(Duration.ofSeconds(60)));
  }
}
