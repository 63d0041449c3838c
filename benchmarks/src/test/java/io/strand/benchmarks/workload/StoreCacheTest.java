package io.strand.benchmarks.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.benchmarks.data.DataSpec;
import org.junit.jupiter.api.Test;

class StoreCacheTest {

  private static DataSpec keys(int keys) {
    return new DataSpec(1_000, keys, 0, 100, 8, 1_000, 1);
  }

  @Test
  void holdsTwiceTheKeysOfAPartitionSoNothingIsWrittenBeforeCommit() {
    StoreCache cache = StoreCache.sizedFor(keys(10_000));

    assertEquals(2_500, cache.entriesPerTask());
    assertEquals(2_500L * 8 * StoreCache.STREAMS_BYTES_PER_ENTRY, cache.streamsBytes());
    assertTrue(cache.enabled());
  }

  @Test
  void roundsUpAndStaysWithinItsBounds() {
    assertEquals(2 * 1_251, StoreCache.sizedFor(keys(10_001)).entriesPerTask());
    assertEquals(StoreCache.MIN_ENTRIES, StoreCache.sizedFor(keys(100)).entriesPerTask());
    StoreCache large = StoreCache.sizedFor(keys(1_000_000));
    assertEquals(StoreCache.MAX_ENTRIES, large.entriesPerTask());
    assertEquals(StoreCache.MAX_STREAMS_BYTES, large.streamsBytes());
  }

  @Test
  void offMeansNoCacheInEitherEngine() {
    assertFalse(StoreCache.OFF.enabled());
    assertEquals(0, StoreCache.OFF.streamsBytes());
  }
}
