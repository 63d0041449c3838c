package io.strand.container.runloop;

import io.strand.container.metrics.TaskMetrics;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import java.util.concurrent.ExecutorService;

/**
 * {@link StreamTask#process} on the container's thread pool ({@code job.container.thread.pool.size}
 * &gt; 0), one message at a time per task, so the task still sees one thread at a time. Each
 * message is one executor hand-off and one completion back: it pays for tasks that block, not for
 * tasks that take a few µs per message (benchmarks/RESULTS.md, session 15 h3).
 *
 * <p>Threading: {@link #handOff} on the run loop thread; the task runs on a pool thread.
 */
final class PooledDelivery extends OffThreadDelivery {

  private final StreamTask task;
  private final MessageCollector collector;
  private final TaskRequests requests;
  private final ExecutorService pool;

  PooledDelivery(TaskInstance owner, StreamTask task, MessageCollector collector, TaskRequests requests,
      TaskMetrics metrics, ExecutorService pool, CompletionQueue completions) {
    super(owner, metrics, 1, completions);
    this.task = task;
    this.collector = collector;
    this.requests = requests;
    this.pool = pool;
  }

  @Override
  void handOff(TaskInput in, IncomingMessageEnvelope env, long offset, Completion c) {
    pool.execute(() -> run(env, c));
  }

  private void run(IncomingMessageEnvelope env, Completion c) {
    Throwable error = null;
    try {
      task.process(env, collector, requests);
    } catch (Throwable t) { // reported to the run loop, which fails the container
      error = t;
    }
    if (error == null) {
      c.complete();
    } else {
      c.failure(error);
    }
  }

  @Override
  String failedCall() {
    return "process";
  }
}
