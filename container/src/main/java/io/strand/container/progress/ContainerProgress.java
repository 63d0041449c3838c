package io.strand.container.progress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.strand.changelog.restore.RestoreProgress;
import io.strand.container.metrics.BadInputCounts;
import io.strand.container.metrics.MeterNames;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Reads one container's {@link JobProgress} from its meter registry: records processed from the
 * tasks' {@value MeterNames#TASK_MESSAGES_PROCESSED} counters, lag from their
 * {@value MeterNames#TASK_LAG} gauges, restore progress from the changelog module's
 * {@value RestoreProgress#RECORDS} counters and {@value RestoreProgress#RECORDS_TOTAL} gauges. A
 * task's meters are removed when its container stops; their last counts are kept, so the totals
 * of a finished container stay as they ended. Phase: processing once a task meter has been seen
 * (tasks get their meters after the restore), restoring while restore meters exist before that.
 * The undeserializable input skipped and dead-lettered ({@link #badInput()}) comes the same way
 * from the container's {@value MeterNames#CONTAINER_SKIPPED} and
 * {@value MeterNames#CONTAINER_DEAD_LETTERED} counters, per {@code stream} tag, kept once removed.
 *
 * <p>Threading: thread-safe. Create it before the container registers its meters (it watches
 * their removal); {@link #read} from any thread. A read racing with a removal may count the
 * removed meter's records once too few (never twice); the next read is exact.
 */
public final class ContainerProgress {

  private final MeterRegistry registry;
  private final DoubleAdder retiredProcessed = new DoubleAdder();
  private final DoubleAdder retiredRestored = new DoubleAdder();
  private final DoubleAdder retiredRestoreTotal = new DoubleAdder();
  private final AtomicBoolean sawTask = new AtomicBoolean();
  private final Map<String, DoubleAdder> retiredSkipped = new ConcurrentHashMap<>();
  private final Map<String, DoubleAdder> retiredDeadLettered = new ConcurrentHashMap<>();

  /**
   * Watches a container's registry.
   *
   * @param registry the container's registry, before its meters are registered
   */
  public ContainerProgress(MeterRegistry registry) {
    this.registry = registry;
    registry.config().onMeterRemoved(this::retire);
  }

  private void retire(Meter meter) {
    String name = meter.getId().getName();
    if (name.equals(MeterNames.TASK_MESSAGES_PROCESSED) && meter instanceof Counter c) {
      sawTask.set(true);
      retiredProcessed.add(c.count());
    } else if (name.equals(RestoreProgress.RECORDS) && meter instanceof Counter c) {
      retiredRestored.add(c.count());
    } else if (name.equals(RestoreProgress.RECORDS_TOTAL) && meter instanceof Gauge g && !Double.isNaN(g.value())) {
      retiredRestoreTotal.add(g.value());
    } else if (name.equals(MeterNames.CONTAINER_SKIPPED) && meter instanceof Counter c) {
      retiredSkipped.computeIfAbsent(stream(c), s -> new DoubleAdder()).add(c.count());
    } else if (name.equals(MeterNames.CONTAINER_DEAD_LETTERED) && meter instanceof Counter c) {
      retiredDeadLettered.computeIfAbsent(stream(c), s -> new DoubleAdder()).add(c.count());
    }
  }

  private static String stream(Meter meter) {
    return String.valueOf(meter.getId().getTag(MeterNames.TAG_STREAM));
  }

  /**
   * The undeserializable input the container has skipped and dead-lettered so far; as it ended once
   * it has (its meters removed).
   *
   * @return the counts per input stream
   */
  public BadInputCounts badInput() {
    // Retired first, live second, as in read(): a meter is never counted twice.
    Map<String, Long> skipped = sums(retiredSkipped);
    Map<String, Long> deadLettered = sums(retiredDeadLettered);
    for (Meter meter : registry.getMeters()) {
      String name = meter.getId().getName();
      if (name.equals(MeterNames.CONTAINER_SKIPPED) && meter instanceof Counter c) {
        skipped.merge(stream(c), (long) c.count(), Long::sum);
      } else if (name.equals(MeterNames.CONTAINER_DEAD_LETTERED) && meter instanceof Counter c) {
        deadLettered.merge(stream(c), (long) c.count(), Long::sum);
      }
    }
    return new BadInputCounts(skipped, deadLettered);
  }

  private static Map<String, Long> sums(Map<String, DoubleAdder> adders) {
    Map<String, Long> m = new HashMap<>();
    adders.forEach((stream, sum) -> m.put(stream, (long) sum.sum()));
    return m;
  }

  /**
   * The container's progress now.
   *
   * @return the progress
   */
  public JobProgress read() {
    // Retired counts first, live meters second: the registry drops a meter before it calls retire, so
    // no meter is counted in both (one removed in between is missed by this read only).
    double processed = retiredProcessed.sum();
    double restored = retiredRestored.sum();
    double restoreTotal = retiredRestoreTotal.sum();
    double lag = 0;
    boolean restoring = false;
    for (Meter meter : registry.getMeters()) {
      String name = meter.getId().getName();
      if (name.equals(MeterNames.TASK_MESSAGES_PROCESSED) && meter instanceof Counter c) {
        sawTask.set(true);
        processed += c.count();
      } else if (name.equals(MeterNames.TASK_LAG) && meter instanceof Gauge g) {
        sawTask.set(true);
        double v = g.value();
        lag += Double.isNaN(v) ? 0 : Math.max(0, v);
      } else if (name.equals(RestoreProgress.RECORDS) && meter instanceof Counter c) {
        restored += c.count();
      } else if (name.equals(RestoreProgress.RECORDS_TOTAL) && meter instanceof Gauge g) {
        double v = g.value();
        restoreTotal += Double.isNaN(v) ? 0 : v;
        restoring = true;
      }
    }
    JobProgress.Phase phase = sawTask.get() ? JobProgress.Phase.PROCESSING
        : restoring ? JobProgress.Phase.RESTORING : JobProgress.Phase.STARTING;
    return new JobProgress(phase, (long) restored, (long) restoreTotal, (long) processed, (long) lag);
  }
}
