package io.strand.container.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.strand.container.TaskName;
import io.strand.metrics.MetricsRegistry;
import io.strand.system.SystemStreamPartition;
import java.util.function.Supplier;

/**
 * The meters of one task (names in {@link MeterNames}; tags {@code job}, {@code container},
 * {@code task}, and {@code partition} for lag): messages processed, process time, window and
 * commit counts and durations, lag per input partition; and the task's own meters, made through
 * {@link #taskMetricsRegistry()}.
 *
 * <p>Cost: the run loop calls these per message. {@link #messagesProcessed()} is a counter
 * increment (a {@code LongAdder}): cheap enough for every message. {@link #processTime()} records
 * into a histogram (up to a microsecond on the JMX registry); the run loop times only a sample of
 * inline process calls (at most one in 64 messages and about 100 a second) and every pooled or
 * async one; the timer's count then counts the samples, and {@link #messagesProcessed()} stays
 * the true count.
 *
 * <p>Threading: thread-safe (Micrometer meters are); gauge suppliers are called on the reading
 * thread (a JMX client's), so they must be safe to call from any thread.
 */
public final class TaskMetrics {

  private final Tags tags;
  private final Counter messagesProcessed;
  private final Timer processTime;
  private final Timer window;
  private final Timer commit;
  private final Timer commitBarrier;
  private final Meters meters;
  private final MicrometerMetricsRegistry taskMetricsRegistry;

  /**
   * Registers the task's meters.
   *
   * @param registry the container's registry ({@link MetricsRegistries#create})
   * @param jobName {@code job.name}
   * @param containerId the container id
   * @param taskName the task
   */
  public TaskMetrics(MeterRegistry registry, String jobName, String containerId, TaskName taskName) {
    this.meters = new Meters(registry);
    this.tags = Tags.of(MeterNames.TAG_JOB, jobName, MeterNames.TAG_CONTAINER, containerId,
        MeterNames.TAG_TASK, taskName.name());
    this.messagesProcessed = add(Counter.builder(MeterNames.TASK_MESSAGES_PROCESSED)
        .description("messages the task has finished processing").baseUnit("records").tags(tags)
        .register(registry));
    this.processTime = add(Timer.builder(MeterNames.TASK_PROCESS)
        .description("duration of process calls (may be sampled)").tags(tags).register(registry));
    this.window = add(Timer.builder(MeterNames.TASK_WINDOW)
        .description("count and duration of window calls").tags(tags).register(registry));
    this.commit = add(Timer.builder(MeterNames.TASK_COMMIT)
        .description("count and duration of commits").tags(tags).register(registry));
    this.commitBarrier = add(Timer.builder(MeterNames.TASK_COMMIT_BARRIER)
        .description("count and duration of commits' barriers on the run loop").tags(tags).register(registry));
    this.taskMetricsRegistry = new MicrometerMetricsRegistry(meters, tags, "job '" + jobName + "' container '"
        + containerId + "' task '" + taskName + "'");
  }

  /**
   * Where the task makes its own meters ({@code TaskContext.getTaskMetricsRegistry()}): named
   * {@code strand.user.<name>}, tagged like this task's meters plus {@code group}, and removed by
   * {@link #close()} with them.
   *
   * @return the registry; the same instance on every call
   */
  public MetricsRegistry taskMetricsRegistry() {
    return taskMetricsRegistry;
  }

  /**
   * Messages processed.
   *
   * @return the counter; increment once per completed message
   */
  public Counter messagesProcessed() {
    return messagesProcessed;
  }

  /**
   * Time spent in process calls.
   *
   * @return the timer (see the class comment on sampling)
   */
  public Timer processTime() {
    return processTime;
  }

  /**
   * Window calls.
   *
   * @return the timer; record each window call's duration
   */
  public Timer window() {
    return window;
  }

  /**
   * Commits.
   *
   * @return the timer; record each commit's duration
   */
  public Timer commit() {
    return commit;
  }

  /**
   * Commits' barriers: the part of each commit on the run loop, which neither polls nor processes
   * meanwhile (store caches flushed into the producers, input offsets taken, checkpoints prepared).
   *
   * @return the timer; record each barrier's duration
   */
  public Timer commitBarrier() {
    return commitBarrier;
  }

  /**
   * Shows the lag of one input partition: its high watermark minus the next offset to read, in
   * records. Registering the same partition again replaces the supplier.
   *
   * @param ssp the input partition
   * @param lag read on every look at the meter; must be cheap and thread-safe
   */
  public void lag(SystemStreamPartition ssp, Supplier<Number> lag) {
    meters.replaceGauge(ssp, Gauge.builder(MeterNames.TASK_LAG, lag)
        .description("high watermark minus the next offset to read").baseUnit("records")
        .tags(tags).tag(MeterNames.TAG_PARTITION, ssp.toString()));
  }

  /**
   * Removes this task's meters, its own ones included, from the registry (for a task that ends
   * while the registry lives on).
   */
  public void close() {
    meters.removeAll();
  }

  private <M extends Meter> M add(M meter) {
    return meters.add(meter);
  }
}
