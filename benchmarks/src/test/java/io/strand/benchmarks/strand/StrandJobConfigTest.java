package io.strand.benchmarks.strand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strand.benchmarks.workload.StoreCache;
import io.strand.benchmarks.workload.WorkerSpec;
import io.strand.benchmarks.workload.Workload;
import io.strand.config.Config;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrandJobConfigTest {

  private static WorkerSpec spec(Workload w, String changelog, boolean latency, StoreCache cache) {
    return new WorkerSpec(w, "localhost:9092", "in", "out", "job", changelog, Path.of("state"), 10, latency, cache);
  }

  @Test
  void aRestoreRestoresFromTheChangelogItIsGiven() {
    Config c = StrandJobConfig.forSpec(spec(Workload.STRAND_RESTORE, "bench-restore-counts-changelog", false,
        StoreCache.OFF));

    assertEquals("kafka.bench-restore-counts-changelog", c.get("stores.counts.changelog").orElseThrow());
  }

  @Test
  void aCountNamesItsChangelogAfterTheJobAndCachesAsSized() {
    Config c = StrandJobConfig.forSpec(spec(Workload.STRAND_COUNT, "", false, new StoreCache(2_500, 1)));

    assertEquals("kafka.job-counts-changelog", c.get("stores.counts.changelog").orElseThrow());
    assertEquals("2500", c.get("stores.counts.object.cache.size").orElseThrow());
    assertEquals("2500", c.get("stores.counts.write.batch.size").orElseThrow());
  }

  @Test
  void noStoreCacheTurnsTheObjectCacheOff() {
    Config c = StrandJobConfig.forSpec(spec(Workload.STRAND_WINDOWED, "", false, StoreCache.OFF));

    assertEquals("0", c.get("stores.windows.object.cache.size").orElseThrow());
    assertFalse(c.containsKey("stores.windows.write.batch.size"));
  }

  @Test
  void latencyRunsFetchAndSendWithoutWaitingForBatches() {
    Config throughput = StrandJobConfig.forSpec(spec(Workload.STRAND_PASSTHROUGH, "", false, StoreCache.OFF));
    Config latency = StrandJobConfig.forSpec(spec(Workload.STRAND_PASSTHROUGH, "", true, StoreCache.OFF));

    assertEquals("65536", throughput.get("systems.kafka.consumer.fetch.min.bytes").orElseThrow());
    assertEquals("1", latency.get("systems.kafka.consumer.fetch.min.bytes").orElseThrow());
    assertEquals("1", latency.get("systems.kafka.producer.linger.ms").orElseThrow());
  }

  @Test
  void configOverridesFromTheEnvironmentAreKeyValuePairs() {
    assertEquals(Map.of(), StrandJobConfig.overrides(StrandJobConfig.OVERRIDES_ENV, null));
    assertEquals(Map.of("streams.windows.hopping.panes", "false", "a.b", "1"),
        StrandJobConfig.overrides("NEXMARK_STRAND_CONFIG", "streams.windows.hopping.panes=false, a.b=1"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StrandJobConfig.overrides("NEXMARK_STRAND_CONFIG", "no-equals"));
    assertEquals("NEXMARK_STRAND_CONFIG: expected key=value, got 'no-equals'", e.getMessage());
  }
}
