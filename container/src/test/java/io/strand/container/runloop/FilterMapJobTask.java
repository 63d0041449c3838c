package io.strand.container.runloop;

import io.strand.context.Context;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.EndOfStreamListenerTask;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import java.util.Queue;

/**
 * Drops multiples of 3 and sends {@code 2n} to {@code test.output} with key {@code n} and
 * partition key {@code pk-n}; records end of stream.
 */
public final class FilterMapJobTask implements StreamTask, InitableTask, EndOfStreamListenerTask {

  private SystemStream output;
  private Queue<String> events;
  private String name;

  @Override
  public void init(Context context) {
    output = SystemStream.parse(context.getJobContext().getConfig().getRequired("test.output"));
    events = ContainerHarness.events(context.getJobContext().getJobName());
    name = context.getTaskContext().getTaskName().name();
  }

  @Override
  public void process(IncomingMessageEnvelope env, MessageCollector collector, TaskCoordinator coordinator) {
    long n = Long.parseLong((String) env.getMessage());
    if (n % 3 != 0) {
      collector.send(new OutgoingMessageEnvelope(output, "pk-" + n, String.valueOf(n), String.valueOf(2 * n)));
    }
  }

  @Override
  public void onEndOfStream(MessageCollector collector, TaskCoordinator coordinator) {
    events.add("eos:" + name);
  }
}
