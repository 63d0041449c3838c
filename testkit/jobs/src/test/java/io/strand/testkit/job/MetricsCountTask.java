package io.strand.testkit.job;

import io.strand.context.Context;
import io.strand.context.TaskContext;
import io.strand.metrics.Counter;
import io.strand.metrics.MetricsRegistry;
import io.strand.metrics.Timer;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;

/**
 * Counts messages per key in store {@code counts} (string keys, integer counts), written as a Samza
 * 1.x task is: the store by Samza's cast, and its own meters from the task's and the container's
 * metrics registries (group: this class). Threading: one instance per task, run-loop thread only.
 */
public final class MetricsCountTask implements StreamTask, InitableTask {

  static final String GROUP = MetricsCountTask.class.getName();

  private KeyValueStore<String, Integer> counts;
  private Counter messages;
  private Counter containerMessages;
  private Timer processMs;

  @Override
  @SuppressWarnings("unchecked")
  public void init(Context context) {
    TaskContext taskContext = context.getTaskContext();
    counts = (KeyValueStore<String, Integer>) taskContext.getStore("counts");
    MetricsRegistry registry = taskContext.getTaskMetricsRegistry();
    messages = registry.newCounter(GROUP, "messages");
    processMs = registry.newTimer(GROUP, "process-ms");
    containerMessages = context.getContainerContext().getContainerMetricsRegistry()
        .newCounter(GROUP, "container-messages");
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    long start = System.currentTimeMillis();
    String key = (String) envelope.getKey();
    Integer count = counts.get(key);
    counts.put(key, count == null ? 1 : count + 1);
    messages.inc();
    containerMessages.inc();
    processMs.update(System.currentTimeMillis() - start);
  }
}
