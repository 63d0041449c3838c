package io.strand.container.runloop;

import io.strand.container.metrics.TaskMetrics;
import io.strand.system.IncomingMessageEnvelope;

/**
 * How messages reach one task, fixed when its {@link TaskInstance} is built: {@link InlineDelivery}
 * (the task's {@code process} on the run loop thread, Samza's default), or an
 * {@link OffThreadDelivery} ({@link PooledDelivery} on the container's thread pool,
 * {@link AsyncDelivery} for an {@code AsyncStreamTask}), whose messages complete later through a
 * {@link Completion}. Each keeps the task's messages in flight and the processed count not yet
 * moved into its counter.
 *
 * <p>Threading: run loop thread only, as {@link TaskInstance}.
 */
abstract sealed class TaskDelivery permits InlineDelivery, OffThreadDelivery {

  final TaskInstance owner;
  final TaskMetrics metrics;
  /** Messages in flight at most: 1, or {@code task.max.concurrency} for async tasks. */
  final int maxInFlight;
  /** Messages handed over and not yet completed. */
  int inFlight;
  /** Messages processed (or skipped) and not yet in {@code metrics.messagesProcessed()}. */
  long processedUnflushed;

  TaskDelivery(TaskInstance owner, TaskMetrics metrics, int maxInFlight) {
    this.owner = owner;
    this.metrics = metrics;
    this.maxInFlight = maxInFlight;
  }

  /**
   * Hands one message to the task.
   *
   * @param in where it was read
   * @param env the envelope, or null when the message was skipped as bad input (it still counts
   *     as processed, in order)
   * @param offset its offset
   * @return true if the message is now in flight, false if it is processed already
   * @throws io.strand.container.errors.ContainerFailedException if the task's call throws
   */
  abstract boolean process(TaskInput in, IncomingMessageEnvelope env, long offset);

  /**
   * The in-flight ring an input of this task needs.
   *
   * @return a ring for off-thread deliveries, null for inline ones
   */
  abstract InFlightOffsets newInFlightOffsets();

  /**
   * Accounts a completion taken from the queue.
   *
   * @param c the completion
   * @throws io.strand.container.errors.ContainerFailedException if the message failed
   * @throws IllegalStateException for an inline delivery, which has no completions
   */
  abstract void completed(Completion c);

  /** Moves the batched processed count into the counter (counter increments stay off the per-message path). */
  final void flushMetrics() {
    if (processedUnflushed > 0) {
      metrics.messagesProcessed().increment(processedUnflushed);
      processedUnflushed = 0;
    }
  }
}
