package io.strand.kv.layers;

import io.micrometer.core.instrument.FunctionCounter;
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
 * <p>The counters are Micrometer {@code FunctionCounter}s over plain counts ({@link StoreCount}):
 * the layers count every operation of a hot loop, and a registered {@code Counter} (a Dropwizard
 * meter with moving averages, on the JMX registry) costs far more per call than the cache hit it
 * counts. In JMX they look as before ({@code type=meters}, attribute {@code Count}). One instance
 * per store instance (job, container, task, store) may be registered at a time: a second with
 * the same tags would be handed the first one's meters; {@link #remove} on close frees them.
 *
 * <p>Threading: the counts have one writer at a time (the store's task thread, or the restore
 * thread before the hand-over) and are read by reporters from any thread, possibly a little
 * stale; the flush timer is a Micrometer timer, thread-safe.
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
  final StoreCount gets = new StoreCount();
  final StoreCount puts = new StoreCount();
  final StoreCount deletes = new StoreCount();
  final StoreCount rangeScans = new StoreCount();
  final StoreCount bytesWritten = new StoreCount();
  final StoreCount bytesRead = new StoreCount();
  final Timer flush;
  final StoreCount restoredRecords = new StoreCount();
  final StoreCount cacheHits = new StoreCount();
  final StoreCount cacheMisses = new StoreCount();
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
    flush = registry.timer(FLUSH, tags);
    meters = List.of(counter(GETS, gets, "records", tags), counter(PUTS, puts, "records", tags),
        counter(DELETES, deletes, "records", tags), counter(RANGE_SCANS, rangeScans, "scans", tags),
        counter(BYTES_WRITTEN, bytesWritten, "bytes", tags), counter(BYTES_READ, bytesRead, "bytes", tags), flush,
        counter(RESTORED_RECORDS, restoredRecords, "records", tags), counter(CACHE_HITS, cacheHits, "lookups", tags),
        counter(CACHE_MISSES, cacheMisses, "lookups", tags));
  }

  private FunctionCounter counter(String name, StoreCount count, String unit, Tags tags) {
    // The registry holds the count weakly; the fields of this object keep it alive.
    return FunctionCounter.builder(name, count, StoreCount::read).tags(tags).baseUnit(unit).register(registry);
  }

  /** Removes the meters from the registry, so a closed store stops being reported. */
  public void remove() {
    for (Meter meter : meters) {
      registry.remove(meter);
    }
  }
}
