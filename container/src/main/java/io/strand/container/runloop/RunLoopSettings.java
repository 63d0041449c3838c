package io.strand.container.runloop;

import io.strand.config.Config;
import io.strand.config.view.ChooserOrder;
import io.strand.config.view.JobConfig;
import io.strand.config.view.TaskConfig;

/**
 * The run loop's timing and threading settings. Immutable.
 *
 * @param windowMs {@code task.window.ms}; 0 or less turns windowing off
 * @param commitMs {@code task.commit.ms}, at least 1
 * @param callbackTimeoutMs {@value #CALLBACK_TIMEOUT_MS}: how long a message may stay in flight
 *     (async or pooled) before the container fails
 * @param threadPoolSize {@code job.container.thread.pool.size}; 0 runs every task on the run loop thread
 * @param maxConcurrency {@code task.max.concurrency} for async tasks, at least 1
 * @param pollIntervalMs {@value #POLL_INTERVAL_MS}: the longest a busy run loop goes without polling
 *     its consumers for partitions whose buffers ran dry, in ms, at least 1
 * @param chooserOrder {@code task.chooser.order}: how a task's partitions of one priority take turns
 * @param decodeAhead {@value #DECODE_AHEAD}: whether input records are deserialized on a thread of
 *     their own ahead of the run loop ({@link io.strand.container.input.DecodeAhead})
 */
public record RunLoopSettings(long windowMs, long commitMs, long callbackTimeoutMs, int threadPoolSize,
    int maxConcurrency, long pollIntervalMs, ChooserOrder chooserOrder, boolean decodeAhead) {

  /**
   * {@code job.container.decode.ahead}: deserialize input on a decode thread per container while
   * the run loop processes earlier records ({@link io.strand.container.input.DecodeAhead}). Default
   * {@value #DEFAULT_DECODE_AHEAD}, Samza's one busy thread per container: the overlap pays only
   * with a core to spare, and on the shared 2-core benchmark machine (session 15) it cost Nexmark
   * q7 about a tenth more CPU per record with no throughput gain. Serdes must be thread-safe (the
   * {@code Serde} contract) to turn it on; the bad-message policy, offsets and checkpoints behave
   * exactly as without it.
   */
  public static final String DECODE_AHEAD = "job.container.decode.ahead";
  /** Default of {@value #DECODE_AHEAD}. */
  public static final boolean DEFAULT_DECODE_AHEAD = false;

  /** {@code task.callback.timeout.ms}: as Samza's; default {@value #DEFAULT_CALLBACK_TIMEOUT_MS}. */
  public static final String CALLBACK_TIMEOUT_MS = "task.callback.timeout.ms";
  /** Default of {@value #CALLBACK_TIMEOUT_MS}. */
  public static final long DEFAULT_CALLBACK_TIMEOUT_MS = 60_000;
  /** {@code task.poll.interval.ms}: as Samza's; default {@value #DEFAULT_POLL_INTERVAL_MS}. */
  public static final String POLL_INTERVAL_MS = "task.poll.interval.ms";
  /** Default of {@value #POLL_INTERVAL_MS}, as Samza's. */
  public static final long DEFAULT_POLL_INTERVAL_MS = 50;

  /**
   * Reads the settings.
   *
   * @param config the job config
   * @return the settings
   * @throws io.strand.config.ConfigException if a value is malformed or out of range
   */
  public static RunLoopSettings fromConfig(Config config) {
    TaskConfig task = new TaskConfig(config);
    long timeout = config.getDurationMs(CALLBACK_TIMEOUT_MS, DEFAULT_CALLBACK_TIMEOUT_MS);
    if (timeout < 1) {
      throw config.problem(CALLBACK_TIMEOUT_MS, "must be at least 1 ms, got " + timeout);
    }
    long pollInterval = config.getDurationMs(POLL_INTERVAL_MS, DEFAULT_POLL_INTERVAL_MS);
    if (pollInterval < 1) {
      throw config.problem(POLL_INTERVAL_MS, "must be at least 1 ms, got " + pollInterval);
    }
    return new RunLoopSettings(task.getWindowMs(), task.getCommitMs(), timeout,
        new JobConfig(config).getContainerThreadPoolSize(), task.getMaxConcurrency(), pollInterval,
        task.getChooserOrder(), config.getBoolean(DECODE_AHEAD, DEFAULT_DECODE_AHEAD));
  }
}
