package io.strand.config.view;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-task keys ({@code task.*}), with Samza's names and defaults.
 *
 * <p>Getters parse on every call and throw {@link ConfigException} naming the key and source
 * when a value is missing or malformed. Threading: immutable; safe to share between threads.
 */
public final class TaskConfig {

  /** Required: the task class, implementing {@code StreamTask} or {@code AsyncStreamTask}. */
  public static final String TASK_CLASS = "task.class";
  /** Required: the input streams, {@code system.stream} separated by commas. */
  public static final String TASK_INPUTS = "task.inputs";
  /** Streams whose partitions every task reads: {@code system.stream#n} or {@code #[a-b]}. */
  public static final String TASK_BROADCAST_INPUTS = "task.broadcast.inputs";
  /** How often {@code window()} is called, in ms; default {@value #DEFAULT_WINDOW_MS} (off). */
  public static final String TASK_WINDOW_MS = "task.window.ms";
  /**
   * How often offsets and state are committed, in ms; default {@value #DEFAULT_COMMIT_MS}, or
   * {@value #DEFAULT_EXACTLY_ONCE_COMMIT_MS} under exactly-once.
   */
  public static final String TASK_COMMIT_MS = "task.commit.ms";
  /** In-flight {@code processAsync} calls per task; default {@value #DEFAULT_MAX_CONCURRENCY}. */
  public static final String TASK_MAX_CONCURRENCY = "task.max.concurrency";
  /** How long a clean shutdown may take, in ms; default {@value #DEFAULT_SHUTDOWN_MS}. */
  public static final String TASK_SHUTDOWN_MS = "task.shutdown.ms";
  /** JVM options for container processes. */
  public static final String TASK_OPTS = "task.opts";
  /** Whether a message that fails to deserialize is skipped instead of failing; default false. */
  public static final String TASK_DROP_DESERIALIZATION_ERRORS = "task.drop.deserialization.errors";
  /** Whether an output that fails to serialize is skipped instead of failing; default false. */
  public static final String TASK_DROP_SERIALIZATION_ERRORS = "task.drop.serialization.errors";
  /** {@code at-least-once} (default) or {@code exactly-once}; a Strand addition to Samza's keys. */
  public static final String TASK_DELIVERY_GUARANTEE = "task.delivery.guarantee";
  /**
   * {@code round-robin} (default, as Samza's chooser) or {@code timestamp} (lowest next-message
   * timestamp first among a task's partitions of one priority, as Kafka Streams; streams-API jobs
   * default to it); a Strand addition to Samza's keys.
   */
  public static final String TASK_CHOOSER_ORDER = "task.chooser.order";
  /**
   * What a container does when the job's checkpoints and consumer group offsets are both lost but
   * its state shows it has run before: {@code fail} (default) or {@code offset-default}; a Strand
   * addition to Samza's keys.
   */
  public static final String CHECKPOINT_MISSING = "strand.checkpoint.missing";

  /** Default of {@link #TASK_WINDOW_MS}: -1, windowing off, as Samza's. */
  public static final long DEFAULT_WINDOW_MS = -1;
  /** Default of {@link #TASK_COMMIT_MS}: one minute, as Samza's. */
  public static final long DEFAULT_COMMIT_MS = 60_000;
  /**
   * Default of {@link #TASK_COMMIT_MS} under {@code task.delivery.guarantee=exactly-once}: 100 ms, as
   * Kafka Streams' {@code commit.interval.ms} under exactly-once, since downstream
   * {@code read_committed} readers see outputs only once their transaction commits.
   */
  public static final long DEFAULT_EXACTLY_ONCE_COMMIT_MS = 100;
  /** Default of {@link #TASK_MAX_CONCURRENCY}, as Samza's. */
  public static final int DEFAULT_MAX_CONCURRENCY = 1;
  /** Default of {@link #TASK_SHUTDOWN_MS}: 30 s, as Samza's. */
  public static final long DEFAULT_SHUTDOWN_MS = 30_000;

  private static final String STREAM_FORM = "system.stream (for example kafka.orders)";
  private static final String BROADCAST_FORM = "system.stream#n or system.stream#[a-b] (for example kafka.rules#0)";

  private final Config config;

  /**
   * Creates the view.
   *
   * @param config the whole job configuration
   */
  public TaskConfig(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * {@value #TASK_CLASS}. Only the name: loading and checking the class is the runtime's job
   * (and {@code ConfigValidator}'s).
   *
   * @return the fully qualified class name
   * @throws ConfigException if absent or blank
   */
  public String getTaskClass() {
    return config.getRequired(TASK_CLASS);
  }

  /**
   * {@value #TASK_INPUTS}.
   *
   * @return the input streams in the order written, at least one
   * @throws ConfigException if absent or blank, or listing every item not of the form
   *     {@code system.stream}
   */
  public List<StreamName> getInputs() {
    config.getRequired(TASK_INPUTS);
    return Values.parsedList(config, TASK_INPUTS, StreamName::tryParse, STREAM_FORM);
  }

  /**
   * {@value #TASK_BROADCAST_INPUTS}.
   *
   * @return the broadcast inputs in the order written; empty when unset
   * @throws ConfigException listing every item not of the form {@code system.stream#n} or
   *     {@code system.stream#[a-b]} with {@code a <= b}
   */
  public List<BroadcastInput> getBroadcastInputs() {
    return Values.parsedList(config, TASK_BROADCAST_INPUTS, BroadcastInput::tryParse, BROADCAST_FORM);
  }

  /**
   * {@value #TASK_WINDOW_MS}.
   *
   * @return the window interval in ms; 0 or less means windowing is off; default
   *     {@value #DEFAULT_WINDOW_MS}
   * @throws ConfigException if not a duration
   */
  public long getWindowMs() {
    return config.getDurationMs(TASK_WINDOW_MS, DEFAULT_WINDOW_MS);
  }

  /**
   * {@value #TASK_COMMIT_MS}.
   *
   * @return the commit interval in ms, at least 1; default {@value #DEFAULT_COMMIT_MS}, or
   *     {@value #DEFAULT_EXACTLY_ONCE_COMMIT_MS} under exactly-once
   * @throws ConfigException if not a duration of at least 1 ms, or the delivery guarantee is invalid
   */
  public long getCommitMs() {
    long fallback = getDeliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE ? DEFAULT_EXACTLY_ONCE_COMMIT_MS
        : DEFAULT_COMMIT_MS;
    return Values.durationAtLeast(config, TASK_COMMIT_MS, fallback, 1);
  }

  /**
   * {@value #TASK_MAX_CONCURRENCY}.
   *
   * @return the most messages a task may have in flight, at least 1; default
   *     {@value #DEFAULT_MAX_CONCURRENCY}
   * @throws ConfigException if not a whole number of at least 1
   */
  public int getMaxConcurrency() {
    return Values.intAtLeast(config, TASK_MAX_CONCURRENCY, DEFAULT_MAX_CONCURRENCY, 1);
  }

  /**
   * {@value #TASK_SHUTDOWN_MS}.
   *
   * @return the clean-shutdown budget in ms, at least 0; default {@value #DEFAULT_SHUTDOWN_MS}
   * @throws ConfigException if not a duration of at least 0 ms
   */
  public long getShutdownMs() {
    return Values.durationAtLeast(config, TASK_SHUTDOWN_MS, DEFAULT_SHUTDOWN_MS, 0);
  }

  /**
   * {@value #TASK_OPTS}.
   *
   * @return the container JVM options as written, or empty when unset
   */
  public Optional<String> getOpts() {
    return Values.nonBlank(config, TASK_OPTS);
  }

  /**
   * {@value #TASK_DROP_DESERIALIZATION_ERRORS}.
   *
   * @return whether undeserializable input is skipped; default false
   * @throws ConfigException if neither true nor false
   */
  public boolean isDropDeserializationErrors() {
    return config.getBoolean(TASK_DROP_DESERIALIZATION_ERRORS, false);
  }

  /**
   * {@value #TASK_DROP_SERIALIZATION_ERRORS}.
   *
   * @return whether unserializable output is skipped; default false
   * @throws ConfigException if neither true nor false
   */
  public boolean isDropSerializationErrors() {
    return config.getBoolean(TASK_DROP_SERIALIZATION_ERRORS, false);
  }

  /**
   * {@value #TASK_DELIVERY_GUARANTEE}.
   *
   * @return the guarantee; default {@link DeliveryGuarantee#AT_LEAST_ONCE}
   * @throws ConfigException if neither {@code at-least-once} nor {@code exactly-once}
   */
  public DeliveryGuarantee getDeliveryGuarantee() {
    return Values.parsed(config, TASK_DELIVERY_GUARANTEE, DeliveryGuarantee::tryParse,
        "at-least-once or exactly-once").orElse(DeliveryGuarantee.AT_LEAST_ONCE);
  }

  /**
   * {@value #TASK_CHOOSER_ORDER}.
   *
   * @return the order; default {@link ChooserOrder#ROUND_ROBIN}
   * @throws ConfigException if neither {@code round-robin} nor {@code timestamp}
   */
  public ChooserOrder getChooserOrder() {
    return Values.parsed(config, TASK_CHOOSER_ORDER, ChooserOrder::tryParse, "round-robin or timestamp")
        .orElse(ChooserOrder.ROUND_ROBIN);
  }

  /**
   * {@value #CHECKPOINT_MISSING}.
   *
   * @return the policy; default {@link MissingCheckpointPolicy#FAIL}
   * @throws ConfigException if neither {@code fail} nor {@code offset-default}
   */
  public MissingCheckpointPolicy getMissingCheckpointPolicy() {
    return Values.parsed(config, CHECKPOINT_MISSING, MissingCheckpointPolicy::tryParse,
        "fail or offset-default").orElse(MissingCheckpointPolicy.FAIL);
  }

  /**
   * The configuration this view reads.
   *
   * @return the whole configuration
   */
  public Config config() {
    return config;
  }
}
