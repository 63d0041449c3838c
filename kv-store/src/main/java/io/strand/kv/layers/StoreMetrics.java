package io.strand.kv.layers;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/**
 * The meters of one store instance, tagged {@code job}, {@code container}, {@code task},
 * {@code store}. Names (all counters unless said): {@value #GETS} (keys looked up in the engine),
 * {@value #PUTS}, {@value #DELETES} (records written to the engine), {@value #RANGE_SCANS}
 * ({@code range} and {@code all} calls), {@value #BYTES_WRITTEN} (key plus value bytes written),
 * {@value #BYTES_READ} (key plus value bytes returned by gets and iterators), {@value #FLUSH}
 * (timer of engine flushes), {@value #RESTORED_RECORDS} (records written by {@code putAllRaw}),
 * {@value #CACHE_HITS} and {@value #CACHE_MISSES} (object cache lookups).
 *
 * <p>Threading: Micrometer meters are thread-safe; the store updates them from its task thread and
 * reporters read them from theirs.
 */
public final class StoreMetrics {
  /** Counter name: keys looked up in the engine. */
  public static final String GETS = "strand.store.gets";
  /** Counter name: records put into the engine. */
  public static final String PUTS = "strand.store.puts";
  /** Counter name: records deleted from the engine. */
  public static final String DELETES = "strand.store.deletes";
  /** Counter name: range and all scans opened. */
  public static final String RANGE_SCANS = "strand.store.range.scans";
  /** Counter name: key plus value bytes written to the engine. */
  public static final String BYTES_WRITTEN = "strand.store.bytes.written";
  /** Counter name: key plus value bytes read from the engine. */
  public static final String BYTES_READ = "strand.store.bytes.read";
  /** Timer name: engine flushes. */
  public static final String FLUSH = "strand.store.flush";
  /** Counter name: records written by restore. */
  public static final String RESTORED_RECORDS = "strand.store.restored.records";
  /** Counter name: object cache hits. */
  public static final String CACHE_HITS = "strand.store.cache.hits";
  /** Counter name: object cache misses. */
  public static final String CACHE_MISSES = "strand.store.cache.misses";

  private final MeterRegistry registry;
  final Counter gets;
  final Counter puts;
  final Counter deletes;
  final Counter rangeScans;
  final Counter bytesWritten;
  final Counter bytesRead;
  final Timer flush;
  final Counter restoredRecords;
  final Counter cacheHits;
  final Counter cacheMisses;
  private final List<Meter> meters;

  /**
   * Registers the store's meters.
   *
   * @param registry where they go
   * @param job the job name
   * @param container the container id
   * @param task the task name
   * @param store the store name
   */
  public StoreMetrics(MeterRegistry registry, String job, String container, String task, String store) {
    this.registry = registry;
    Tags tags = Tags.of("job", job, "container", container, "task", task, "store", store);
    gets = registry.counter(GETS, tags);
    puts = registry.counter(PUTS, tags);
    deletes = registry.counter(DELETES, tags);
    rangeScans = registry.counter(RANGE_SCANS, tags);
    bytesWritten = registry.counter(BYTES_WRITTEN, tags);
    bytesRead = registry.counter(BYTES_READ, tags);
    flush = registry.timer(FLUSH, tags);
    restoredRecords = registry.counter(RESTORED_RECORDS, tags);
    cacheHits = registry.counter(CACHE_HITS, tags);
    cacheMisses = registry.counter(CACHE_MISSES, tags);
    meters = List.of(gets, puts, deletes, rangeScans, bytesWritten, bytesRead, flush, restoredRecords,
        cacheHits, cacheMisses);
  }

  /** Removes the meters from the registry, so a closed store stops being reported. */
  public void remove() {
    for (Meter meter : meters) {
      registry.remove(meter);
    }
  }
}
