package io.strand.benchmarks.data;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the count workloads must report for a sample of keys, computed while the input was loaded:
 * the final count per key and the count per (key, 1 s window).
 *
 * <p>Threading: filled by the loader's thread, then read-only.
 *
 * @param totals final count per sampled key id
 * @param windows per sampled key id, count per window start (epoch ms)
 */
public record Expected(Map<Long, Long> totals, Map<Long, Map<Long, Long>> windows) {

  /** @param keyIds the key ids to track
   *  @return an empty expectation for those keys */
  static Expected tracking(Iterable<Long> keyIds) {
    Map<Long, Long> totals = new TreeMap<>();
    Map<Long, Map<Long, Long>> windows = new TreeMap<>();
    for (long id : keyIds) {
      totals.put(id, 0L);
      windows.put(id, new TreeMap<>());
    }
    return new Expected(totals, windows);
  }

  void record(long keyId, long timestampMs, long windowMs) {
    Long total = totals.get(keyId);
    if (total != null) {
      totals.put(keyId, total + 1);
      windows.get(keyId).merge(Payloads.windowStart(timestampMs, windowMs), 1L, Long::sum);
    }
  }
}
