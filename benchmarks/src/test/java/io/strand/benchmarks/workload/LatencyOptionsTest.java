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

  @Test
  void theJobWarmupIsOffByDefaultAndSetByTheCommandOrTheProperty() {
    assertEquals(0, LatencyOptions.DEFAULTS.jobWarmupCommits());
    assertEquals(Duration.ZERO, LatencyOptions.DEFAULTS.jobWarmup());
    assertEquals(0, LatencyOptions.from(new Properties(), true, 2).jobWarmupCommits());

    LatencyOptions full = LatencyOptions.from(new Properties(), true, 2, LatencyOptions.JOB_WARMUP_COMMITS);
    assertEquals(2, full.jobWarmupCommits());
    assertEquals(Duration.ofMillis(2 * ClientSettings.COMMIT_MS).plus(LatencyOptions.JOB_WARMUP_MARGIN),
        full.jobWarmup());
    assertEquals(2, full.withSustainableSearch(false).jobWarmupCommits());

    Properties p = new Properties();
    p.setProperty(LatencyOptions.JOB_WARMUP_COMMITS_PROPERTY, "0");
    assertEquals(0, LatencyOptions.from(p, true, 2, LatencyOptions.JOB_WARMUP_COMMITS).jobWarmupCommits());
    p.setProperty(LatencyOptions.JOB_WARMUP_COMMITS_PROPERTY, " 3 ");
    assertEquals(3, LatencyOptions.from(p, true, 2, 0).jobWarmupCommits());
    p.setProperty(LatencyOptions.JOB_WARMUP_COMMITS_PROPERTY, "-1");
    assertThrows(IllegalArgumentException.class, () -> LatencyOptions.from(p, true, 2, 0));
  }

  @Test
  void aPointWarmsUpUntilItsJobHasRunTheCommitIntervalsSinceReady() {
    LatencyOptions two = LatencyOptions.from(new Properties(), true, 2, 2);
    Duration set = Duration.ofSeconds(5);

    // Just ready: the whole 20 s and the margin.
    assertEquals(Duration.ofSeconds(21), two.pointWarmup(set, Duration.ZERO));
    // Ready 3.5 s ago: what is left.
    assertEquals(Duration.ofMillis(17_500), two.pointWarmup(set, Duration.ofMillis(3_500)));
    // Less left than the set warm-up: the set warm-up.
    assertEquals(set, two.pointWarmup(set, Duration.ofSeconds(18)));
    // A job running longer than its warm-up (a search's later step): the set warm-up.
    assertEquals(set, two.pointWarmup(set, Duration.ofSeconds(60)));
    // Off: always the set warm-up, as before.
    assertEquals(set, LatencyOptions.DEFAULTS.pointWarmup(set, Duration.ZERO));
  }

  @Test
  void aMeasuredWindowOpensSoThatTheNextCommitFallsInItsMiddle() {
    LatencyOptions two = LatencyOptions.from(new Properties(), true, 2, 2);
    Duration set = Duration.ofSeconds(5);
    long commit = ClientSettings.COMMIT_MS;
    // An 8 s window opens 4 s before the third commit; a 4 s one 2 s before it.
    assertEquals(Duration.ofMillis(3 * commit - 4_000), two.windowOpening(Duration.ofSeconds(8)));
    assertEquals(Duration.ofMillis(3 * commit - 2_000), two.windowOpening(Duration.ofSeconds(4)));
    assertEquals(Duration.ofMillis(3 * commit - 4_000 - 3_500),
        two.pointWarmup(set, Duration.ofMillis(3_500), Duration.ofSeconds(8)));
    // A window of two intervals or more holds a commit anyway: the job's warm-up and its margin.
    assertEquals(two.jobWarmup(), two.windowOpening(Duration.ofMillis(2 * commit)));
    // Off: no opening rule, the set warm-up.
    assertEquals(Duration.ZERO, LatencyOptions.DEFAULTS.windowOpening(Duration.ofSeconds(8)));
    assertEquals(set, LatencyOptions.DEFAULTS.pointWarmup(set, Duration.ZERO, Duration.ofSeconds(8)));
  }
}
