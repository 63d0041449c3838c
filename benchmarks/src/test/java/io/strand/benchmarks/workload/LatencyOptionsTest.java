package io.strand.benchmarks.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The latency runs' options, read once from the system properties. */
class LatencyOptionsTest {

  @Test
  void withoutPropertiesTheDefaultsHold() {
    LatencyOptions o = LatencyOptions.from(new Properties(), false, 0);

    assertEquals(LatencyOptions.DEFAULTS, o);
    assertEquals(LatencyOptions.WARMUP_POINTS, LatencyOptions.from(new Properties(), true,
        LatencyOptions.WARMUP_POINTS).warmupPoints());
    assertEquals(Duration.ofSeconds(40), o.probeWarmup(Duration.ofSeconds(5)));
  }

  @Test
  void thePropertiesSetOrderProbeWarmupAndCompression() {
    Properties p = new Properties();
    p.setProperty(LatencyOptions.ORDER_PROPERTY, "reversed");
    p.setProperty(LatencyOptions.PROBE_WARMUP_PROPERTY, "0");
    p.setProperty(ClientSettings.LATENCY_COMPRESSION_PROPERTY, "lz4");
    p.setProperty(LatencyOptions.SEARCH_CATCH_UP_PROPERTY, "false");
    p.setProperty(LatencyOptions.WARMUP_POINTS_PROPERTY, "3");

    LatencyOptions o = LatencyOptions.from(p, true, LatencyOptions.WARMUP_POINTS);

    assertTrue(o.reversedOrder());
    assertEquals(Duration.ZERO, o.probeWarmup(Duration.ofSeconds(5)));
    assertEquals(Optional.of("lz4"), o.jobCompression());
    assertTrue(o.sustainableSearch());
    assertFalse(o.searchNeedsCatchUp());
    assertTrue(LatencyOptions.DEFAULTS.searchNeedsCatchUp());
    assertEquals(3, o.warmupPoints());
    assertFalse(o.withSustainableSearch(false).sustainableSearch());
    assertEquals(3, o.withSustainableSearch(false).warmupPoints());
  }

  @Test
  void zeroWarmupPointsTurnThemOffAndFewerAreRefused() {
    Properties p = new Properties();
    p.setProperty(LatencyOptions.WARMUP_POINTS_PROPERTY, "0");
    assertEquals(0, LatencyOptions.from(p, false, LatencyOptions.WARMUP_POINTS).warmupPoints());

    p.setProperty(LatencyOptions.WARMUP_POINTS_PROPERTY, "-1");
    assertThrows(IllegalArgumentException.class, () -> LatencyOptions.from(p, false, LatencyOptions.WARMUP_POINTS));
  }
}
