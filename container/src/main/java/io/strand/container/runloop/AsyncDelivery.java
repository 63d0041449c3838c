package io.strand.container.runloop;

import io.strand.container.metrics.TaskMetrics;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.task.AsyncStreamTask;
import io.strand.task.MessageCollector;

/**
 * {@link AsyncStreamTask#processAsync} on the run loop thread, up to {@code task.max.concurrency}
 * messages in flight, each finished by the task through its {@link Completion} (the callback).
 *
 * <p>Threading: run loop thread; the task may complete from any thread.
 */
final class AsyncDelivery extends OffThreadDelivery {

  private final AsyncStreamTask task;
  private final MessageCollector collector;
  private final TaskRequests requests;

  AsyncDelivery(TaskInstance owner, AsyncStreamTask task, MessageCollector collector, TaskRequests requests,
      TaskMetrics metrics, int maxConcurrency, CompletionQueue completions) {
    super(owner, metrics, maxConcurrency, completions);
    this.task = task;
    this.collector = collector;
    this.requests = requests;
  }

  @Override
  void handOff(TaskInput in, IncomingMessageEnvelope env, long offset, Completion c) {
    try {
      task.processAsync(env, collector, requests, c);
    } catch (RuntimeException | LinkageError e) {
      throw owner.calls.failure("processAsync", in, offset, e);
    }
  }

  @Override
  String failedCall() {
    return "processAsync (callback failure)";
  }
}
