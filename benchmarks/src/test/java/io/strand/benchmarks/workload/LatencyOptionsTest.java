package io.strand.benchmarks.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The latency runs' options, read once from the system properties. */
class LatencyOptionsTest {

  @Test
  void withoutPropertiesTheDefaultsHold() {
    LatencyOptions o = LatencyOptions.from(new Properties(), false);

    assertEquals(LatencyOptions.DEFAULTS, o);
    assertEquals(Duration.ofSeconds(40), o.probeWarmup(Duration.ofSeconds(5)));
  }

  @Test
  void thePropertiesSetOrderProbeWarmupAndCompression() {
    Properties p = new Properties();
    p.setProperty(LatencyOptions.ORDER_PROPERTY, "reversed");
    p.setProperty(LatencyOptions.PROBE_WARMUP_PROPERTY, "0");
    p.setProperty(ClientSettings.LATENCY_COMPRESSION_PROPERTY, "lz4");
    p.setProperty(LatencyOptions.SEARCH_CATCH_UP_PROPERTY, "false");

    LatencyOptions o = LatencyOptions.from(p, true);

    assertTrue(o.reversedOrder());
    assertEquals(Duration.ZERO, o.probeWarmup(Duration.ofSeconds(5)));
    assertEquals(Optional.of("lz4"), o.jobCompression());
    assertTrue(o.sustainableSearch());
    assertFalse(o.searchNeedsCatchUp());
    assertTrue(LatencyOptions.DEFAULTS.searchNeedsCatchUp());
    assertFalse(o.withSustainableSearch(false).sustainableSearch());
  }
}
