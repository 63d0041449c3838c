package io.strand.changelog.restore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of one store instance's restore: a DEBUG line at most every
 * {@value #LOG_INTERVAL_MS} ms (records done / total, records per second, ETA) and the meters
 * {@value #RECORDS} (counter, records), {@value #RECORDS_TOTAL} (gauge, records to restore) and
 * {@value #TIME} (timer), tagged job, container, task and store. The total is the span of changelog
 * offsets to replay; compaction leaves gaps in offsets, so the records actually read may end below
 * it. The container's INFO lines are its restore's start and summary; a console shows the progress
 * of all its instances together from these meters.
 *
 * <p>Threading: one restore thread at a time updates it (made on one, handed to the replay thread
 * through a future); the gauge is read from any thread.
 */
public final class RestoreProgress {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreProgress.class);

  /** Counter: changelog records replayed into the engine by restores (see {@link RestoreBuffer}). */
  public static final String RECORDS = "strand.changelog.restore.records";
  /** Gauge: changelog records (offset span) the current restore has to replay. */
  public static final String RECORDS_TOTAL = "strand.changelog.restore.records.total";
  /** Timer: time spent restoring (replay and trim). */
  public static final String TIME = "strand.changelog.restore.time";
  /** Counter: keys written back to their checkpointed value after a restore. */
  public static final String TRIMMED = "strand.changelog.trimmed.keys";
  /** Shortest interval between two progress lines of one store, in ms. */
  public static final long LOG_INTERVAL_MS = 5_000;

  private final String label;
  private final Counter records;
  private final Counter trimmed;
  private final Timer time;
  private final AtomicLong total = new AtomicLong();
  private long startNanos = System.nanoTime();
  private long done;
  private long lastLogNanos = startNanos;

  /**
   * Registers the meters of one instance.
   *
   * @param registry where the meters go
   * @param tags job, container, task and store
   * @param label names the store, task and changelog partition in log lines
   */
  public RestoreProgress(MeterRegistry registry, Tags tags, String label) {
    this.label = label;
    this.records = registry.counter(RECORDS, tags);
    this.trimmed = registry.counter(TRIMMED, tags);
    this.time = registry.timer(TIME, tags);
    // A strong reference: the instance is dropped once its restore ends, and a weakly held total would then
    // read NaN while the records counter stays, so a task's restored records would exceed its total.
    Gauge.builder(RECORDS_TOTAL, total, AtomicLong::get).tags(tags).baseUnit("records").strongReference(true)
        .register(registry);
  }

  /**
   * Sets the records to replay.
   *
   * @param records the offset span, in records
   */
  public void expect(long records) {
    total.set(Math.max(0, records));
  }

  /**
   * Starts the clock again: the meters are registered when the instance is prepared, its time and
   * rate count from the start of its replay.
   */
  public void start() {
    startNanos = System.nanoTime();
    lastLogNanos = startNanos;
  }

  /**
   * Counts records written to the engine, and logs if the last line is old enough.
   *
   * @param count records just written
   */
  public void advance(long count) {
    done += count;
    records.increment(count);
    long now = System.nanoTime();
    if (now - lastLogNanos >= TimeUnit.MILLISECONDS.toNanos(LOG_INTERVAL_MS)) {
      lastLogNanos = now;
      double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
      long rate = (long) (done / seconds);
      long left = Math.max(0, total.get() - done);
      String eta = rate > 0 ? (left / rate) + " s" : "unknown";
      LOG.debug("Restoring {}: {} / {} records ({} %), {} records/s, ETA {}", label, done, total.get(),
          total.get() == 0 ? 100 : done * 100 / total.get(), rate, eta);
    }
  }

  /**
   * Counts trimmed keys.
   *
   * @param keys keys written back
   */
  public void trimmed(long keys) {
    trimmed.increment(keys);
  }

  /**
   * Records the elapsed time in the timer.
   *
   * @return the elapsed time since creation, in ms
   */
  public long finish() {
    long nanos = System.nanoTime() - startNanos;
    time.record(nanos, TimeUnit.NANOSECONDS);
    return nanos / 1_000_000;
  }

  /**
   * Records written to the engine so far.
   *
   * @return the count, in records
   */
  public long done() {
    return done;
  }
}
