package io.strand.samples.flights;

import io.strand.context.Context;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.task.EndOfStreamListenerTask;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import io.strand.task.WindowableTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link FlightDelayTask} slowed down for kill tests: it pauses {@code test.throttle.ms} every
 * {@code test.throttle.every} messages, so a run lasts long enough for its kills however fast the
 * machine is. Everything else is the sample's task, unchanged.
 */
public final class ThrottledFlightDelayTask implements StreamTask, InitableTask, WindowableTask,
    EndOfStreamListenerTask {

  private final FlightDelayTask task = new FlightDelayTask();
  private int every;
  private long pauseNanos;
  private long seen;

  @Override
  public void init(Context context) {
    every = context.getJobContext().getConfig().getInt("test.throttle.every", 0);
    pauseNanos = TimeUnit.MILLISECONDS.toNanos(context.getJobContext().getConfig().getLong("test.throttle.ms", 0));
    task.init(context);
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    task.process(envelope, collector, coordinator);
    if (every > 0 && ++seen % every == 0) {
      LockSupport.parkNanos(pauseNanos);
    }
  }

  @Override
  public void window(MessageCollector collector, TaskCoordinator coordinator) {
    task.window(collector, coordinator);
  }

  @Override
  public void onEndOfStream(MessageCollector collector, TaskCoordinator coordinator) {
    task.onEndOfStream(collector, coordinator);
  }
}
