package io.strand.task;

import io.strand.system.IncomingMessageEnvelope;

/**
 * The job author's code: called once per input message, as Samza's {@code StreamTask}.
 *
 * <p>The container creates one instance per task (one per {@link io.strand.container.TaskName}, from
 * {@code task.class} and its public no-argument constructor) and calls it from one thread at a
 * time, so an instance needs no locking of its own state. Messages of one input partition arrive
 * in offset order; messages of different partitions of the same task are interleaved.
 *
 * <p>Add {@link InitableTask}, {@link WindowableTask}, {@link ClosableTask} or
 * {@link EndOfStreamListenerTask} for the other lifecycle calls. For tasks that call remote
 * services without blocking, implement {@link AsyncStreamTask} instead.
 */
public interface StreamTask {

  /**
   * Handles one message. The message counts as processed when this returns; its offset is
   * checkpointed at the next commit (every {@code task.commit.ms}, or on
   * {@link TaskCoordinator#commit}), so after a failure it may be delivered again
   * (at-least-once).
   *
   * @param envelope the message, with its key, partition and offset
   * @param collector where to send output; valid only during this call
   * @param coordinator to ask for a commit or a shutdown; valid only during this call
   * @throws Exception anything; it fails the container, naming the task, partition and offset,
   *     and nothing past the last checkpoint is committed
   */
  void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator)
      throws Exception;
}
