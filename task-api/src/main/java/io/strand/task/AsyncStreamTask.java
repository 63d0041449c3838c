package io.strand.task;

import io.strand.system.IncomingMessageEnvelope;

/**
 * A task that finishes each message later, on any thread, as Samza's {@code AsyncStreamTask}:
 * for non-blocking calls to remote services. Implement this or {@link StreamTask}, not both.
 *
 * <p>Up to {@code task.max.concurrency} (default 1) calls may be in flight per task. An input
 * offset is committed only when it and every earlier message of its partition have completed,
 * and {@code window}, commit and {@code close} wait until nothing is in flight. Calls to
 * {@code processAsync} itself come from one thread at a time, like {@link StreamTask#process}.
 */
public interface AsyncStreamTask {

  /**
   * Starts handling one message; must return without waiting for the work to finish and must
   * end with exactly one call to {@code callback}.
   *
   * @param envelope the message
   * @param collector where to send output; safe to use from any thread until the callback is called
   * @param coordinator to ask for a commit or a shutdown; safe to use from any thread until the
   *     callback is called
   * @param callback to report that the message is done, or failed
   */
  void processAsync(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator,
      TaskCallback callback);
}
