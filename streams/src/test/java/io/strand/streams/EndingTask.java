package io.strand.streams;

import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import io.strand.context.Context;
import io.strand.task.EndOfStreamListenerTask;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.PartitionEndListenerTask;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;

/**
 * A low-level task over a bounded input and an unbounded one: it reports each partition end
 * ({@code onPartitionEnd}) and ends the unbounded input itself when it reads the value
 * {@code END} there ({@code TaskCoordinator.endOfStream}); everything goes as
 * text, in order, to {@code test.events}.
 */
public class EndingTask implements StreamTask, InitableTask, PartitionEndListenerTask, EndOfStreamListenerTask {

  private SystemStream events;

  @Override
  public void init(Context context) {
    events = new SystemStream("kafka", context.getJobContext().getConfig().get("test.events").orElseThrow());
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    String value = (String) envelope.message();
    collector.send(new OutgoingMessageEnvelope(events, envelope.systemStreamPartition().getStream(), value));
    if ("END".equals(value)) {
      coordinator.endOfStream(envelope.systemStreamPartition());
    }
  }

  @Override
  public void onPartitionEnd(SystemStreamPartition ssp, MessageCollector collector, TaskCoordinator coordinator) {
    collector.send(new OutgoingMessageEnvelope(events, ssp.getStream(), "partition-end"));
  }

  @Override
  public void onEndOfStream(MessageCollector collector, TaskCoordinator coordinator) {
    collector.send(new OutgoingMessageEnvelope(events, "task", "end-of-stream"));
  }
}
