package io.strand.container.metrics;

/**
 * The names and tag keys of Strand's container and task meters, for dashboards and tests.
 *
 * <p>Threading: constants.
 */
public final class MeterNames {

  /** Tag: {@code job.name}. */
  public static final String TAG_JOB = "job";
  /** Tag: the container id. */
  public static final String TAG_CONTAINER = "container";
  /** Tag: the task name. */
  public static final String TAG_TASK = "task";
  /** Tag: an input stream, as {@code system.stream}. */
  public static final String TAG_STREAM = "stream";
  /** Tag: a system stream partition, as {@code system.stream#n}. */
  public static final String TAG_PARTITION = "partition";
  /** Tag: the group of a job's own meter, as given to {@code MetricsRegistry.newCounter(group, name)}. */
  public static final String TAG_GROUP = "group";

  /**
   * The prefix of a job's own meters ({@code io.strand.metrics}): {@code strand.user.<name>}, tagged
   * {@code group}, {@code job}, {@code container} and, for a task's meters, {@code task}.
   */
  public static final String USER_PREFIX = "strand.user.";

  /** Timer: duration of each poll of the container's consumers. */
  public static final String CONTAINER_POLL = "strand.container.poll";
  /** Gauge: messages polled but not yet processed, in records. */
  public static final String CONTAINER_BUFFERED = "strand.container.buffered.messages";
  /** Counter: messages whose key or value could not be deserialized. */
  public static final String CONTAINER_DESERIALIZATION_ERRORS = "strand.container.deserialization.errors";
  /**
   * Counter, per input stream (tag {@code stream}): undeserializable input messages skipped under
   * {@code task.drop.deserialization.errors=true}, each counted once (a broadcast partition's by
   * the task that owns it).
   */
  public static final String CONTAINER_SKIPPED = "strand.container.skipped.messages";
  /**
   * Counter, per input stream (tag {@code stream}): undeserializable input messages whose send to
   * the dead-letter stream was acknowledged, each counted once.
   */
  public static final String CONTAINER_DEAD_LETTERED = "strand.container.dead.lettered.messages";

  /** Counter: messages a task has finished processing. */
  public static final String TASK_MESSAGES_PROCESSED = "strand.task.messages.processed";
  /** Timer: duration of process / processAsync calls (possibly sampled; see TaskMetrics). */
  public static final String TASK_PROCESS = "strand.task.process";
  /** Timer: count and duration of window calls. */
  public static final String TASK_WINDOW = "strand.task.window";
  /** Timer: count and duration of commits. */
  public static final String TASK_COMMIT = "strand.task.commit";
  /**
   * Timer: count and duration of commits' barriers, the part of a commit on the run loop with no
   * message in flight (store caches flushed into the producers, input offsets taken): the run loop
   * polls and processes nothing meanwhile.
   */
  public static final String TASK_COMMIT_BARRIER = "strand.task.commit.barrier";
  /** Gauge: per input partition, the high watermark minus the next offset to read, in records. */
  public static final String TASK_LAG = "strand.task.lag";

  /**
   * The meter name of a job's own meter.
   *
   * @param name the name the job gave it (the group is a tag)
   * @return {@code strand.user.<name>}
   */
  public static String user(String name) {
    return USER_PREFIX + name;
  }

  private MeterNames() {}
}
