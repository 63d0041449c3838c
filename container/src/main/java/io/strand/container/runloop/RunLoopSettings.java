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
 * @param chooserBatchSize {@value #CHOOSER_BATCH_SIZE}: messages a partition may take in a row per
 *     turn, at least 1 ({@link MessageChooser})
 * @param writeAheadMs {@value #WRITE_AHEAD_MS}: how long before a timed commit the store caches'
 *     dirty entries start going down in slices ({@link FlushAhead}), ms; 0 turns it off
 */
public record RunLoopSettings(long windowMs, long commitMs, long callbackTimeoutMs, int threadPoolSize,
    int maxConcurrency, long pollIntervalMs, ChooserOrder chooserOrder, int chooserBatchSize, long writeAheadMs) {

  /**
   * {@code task.commit.write.ahead.ms}: Strand's own; default {@value #DEFAULT_WRITE_AHEAD_MS}
   * (RESULTS.md, "Session 22 h1": with it a steady commit's barrier at 110 k records/s took
   * 0.3-22 ms instead of 26-53, its second's p99 5-18 ms instead of 25-49). At-least-once only;
   * capped at half of {@code task.commit.ms}.
   */
  public static final String WRITE_AHEAD_MS = "task.commit.write.ahead.ms";
  /** Default of {@value #WRITE_AHEAD_MS}. */
  public static final long DEFAULT_WRITE_AHEAD_MS = 200;

  /** {@code task.callback.timeout.ms}: as Samza's; default {@value #DEFAULT_CALLBACK_TIMEOUT_MS}. */
  public static final String CALLBACK_TIMEOUT_MS = "task.callback.timeout.ms";
  /** Default of {@value #CALLBACK_TIMEOUT_MS}. */
  public static final long DEFAULT_CALLBACK_TIMEOUT_MS = 60_000;
  /** {@code task.poll.interval.ms}: as Samza's; default {@value #DEFAULT_POLL_INTERVAL_MS}. */
  public static final String POLL_INTERVAL_MS = "task.poll.interval.ms";
  /** Default of {@value #POLL_INTERVAL_MS}, as Samza's. */
  public static final long DEFAULT_POLL_INTERVAL_MS = 50;
  /**
   * {@code task.consumer.batch.size}: messages an input partition may take in a row when its turn
   * comes, before the next ready partition's turn, as Samza's key of that name (its
   * {@code BatchingChooser}); 1 is Samza's strict round robin. Default
   * {@value #DEFAULT_CHOOSER_BATCH_SIZE}.
   */
  public static final String CHOOSER_BATCH_SIZE = "task.consumer.batch.size";
  /**
   * Default of {@value #CHOOSER_BATCH_SIZE}: turns of up to 1,000 messages, as Kafka Streams
   * processes a task's records in runs (its stream thread's per-task iterations) rather than one
   * record per task in turn. Samza's default is 1. A turn still ends at once when an input of a
   * higher priority is queued, the partition's buffer runs dry, its task takes no more (async
   * concurrency, a bootstrap, a vote to stop) or, in timestamp order, another of the task's
   * partitions has the earlier head; window and commit timers are checked after every message, so
   * a turn delays neither. Why 1,000: with one message per task per turn every output partition
   * gets records between two drains of the shared producer, so its batches are small (about 4 kB
   * against the raw loop's 21 kB on the enrichment benchmark, session 18 h5); turns long enough to
   * span a drain (a few ms of work) fill them. Measured in session 19 (benchmarks/RESULTS.md,
   * "Session 19 h1", three loaded rounds): a lower median job CPU per record than turns of 1 on
   * every workload of the suite (enrichment 8.9 against 11.1 µs), turns of 100 no better than 1,
   * and no workload or latency point worse beyond its spread.
   */
  public static final int DEFAULT_CHOOSER_BATCH_SIZE = 1_000;

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
    long batch = config.getLong(CHOOSER_BATCH_SIZE, DEFAULT_CHOOSER_BATCH_SIZE);
    if (batch < 1 || batch > Integer.MAX_VALUE) {
      throw config.problem(CHOOSER_BATCH_SIZE, "must be at least 1 message, got " + batch);
    }
    long writeAhead = config.getDurationMs(WRITE_AHEAD_MS, DEFAULT_WRITE_AHEAD_MS);
    if (writeAhead < 0) {
      throw config.problem(WRITE_AHEAD_MS, "must be at least 0 ms, got " + writeAhead);
    }
    return new RunLoopSettings(task.getWindowMs(), task.getCommitMs(), timeout,
        new JobConfig(config).getContainerThreadPoolSize(), task.getMaxConcurrency(), pollInterval,
        task.getChooserOrder(), (int) batch, writeAhead);
  }
}
