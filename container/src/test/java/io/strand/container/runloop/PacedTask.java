package io.strand.container.runloop;

import io.strand.context.Context;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes at least {@code test.pace.us} µs (default 100) per message, as a task with real work
 * would, and records {@code msg:<stream>:<offset>} for each.
 */
public final class PacedTask implements StreamTask, InitableTask {

  private Queue<String> events;
  private long paceNanos;

  @Override
  public void init(Context context) {
    events = ContainerHarness.events(context.getJobContext().getJobName());
    paceNanos = TimeUnit.MICROSECONDS.toNanos(context.getJobContext().getConfig().getLong("test.pace.us", 100));
  }

  @Override
  public void process(IncomingMessageEnvelope env, MessageCollector collector, TaskCoordinator coordinator) {
    long until = System.nanoTime() + paceNanos;
    for (long left = paceNanos; left > 0; left = until - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
    events.add("msg:" + env.getSystemStreamPartition().getStream() + ":" + env.getOffset());
  }
}
