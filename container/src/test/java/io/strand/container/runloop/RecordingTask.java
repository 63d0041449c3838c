package io.strand.container.runloop;

import io.strand.context.Context;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.task.ClosableTask;
import io.strand.task.EndOfStreamListenerTask;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import io.strand.task.TaskCoordinator.RequestScope;
import io.strand.task.WindowableTask;
import java.util.Queue;

/**
 * Records every call as an event ({@code msg:<task>:<stream>:<partition>:<offset>:<value>},
 * {@code window:<task>}, {@code close:<task>}, {@code eos:<task>}) and acts on control values:
 * {@code commit}, {@code vote}, {@code stop-all}, {@code boom}. With {@code test.commit.each=true}
 * it asks for a commit after every message.
 */
public final class RecordingTask
    implements StreamTask, InitableTask, WindowableTask, ClosableTask, EndOfStreamListenerTask {

  private Queue<String> events;
  private String name;
  private boolean commitEach;

  @Override
  public void init(Context context) {
    events = ContainerHarness.events(context.getJobContext().getJobName());
    name = context.getTaskContext().getTaskName().name();
    commitEach = context.getJobContext().getConfig().getBoolean("test.commit.each", false);
    events.add("init:" + name);
  }

  @Override
  public void process(IncomingMessageEnvelope env, MessageCollector collector, TaskCoordinator coordinator) {
    Object value = env.getMessage();
    events.add("msg:" + name + ":" + env.getSystemStreamPartition().getStream() + ":"
        + env.getSystemStreamPartition().getPartition().id() + ":" + env.getOffset() + ":" + value);
    if ("boom".equals(value)) {
      throw new IllegalStateException("boom requested");
    }
    if ("commit".equals(value) || commitEach) {
      coordinator.commit(RequestScope.CURRENT_TASK);
    }
    if ("vote".equals(value)) {
      coordinator.shutdown(RequestScope.CURRENT_TASK);
    }
    if ("stop-all".equals(value)) {
      coordinator.shutdown(RequestScope.ALL_TASKS_IN_CONTAINER);
    }
  }

  @Override
  public void window(MessageCollector collector, TaskCoordinator coordinator) {
    events.add("window:" + name);
  }

  @Override
  public void onEndOfStream(MessageCollector collector, TaskCoordinator coordinator) {
    events.add("eos:" + name);
  }

  @Override
  public void close() {
    events.add("close:" + name);
  }
}
