package io.strand.container.testjobs;

import io.strand.context.Context;
import io.strand.metrics.Counter;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;

/**
 * Counts its messages with its own counter ({@code TaskContext.getTaskMetricsRegistry()}): group
 * {@value #GROUP}, name {@value #COUNTER}. Threading: one instance per task, run-loop thread only.
 */
public final class OwnCounterTask implements StreamTask, InitableTask {

  /** The counter's group. */
  public static final String GROUP = "io.strand.test.OwnCounter";
  /** The counter's name. */
  public static final String COUNTER = "messages-seen";

  private Counter seen;

  @Override
  public void init(Context context) {
    seen = context.getTaskContext().getTaskMetricsRegistry().newCounter(GROUP, COUNTER);
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    seen.inc();
  }
}
