package io.strand.testkit.job;

import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;

/** Test task: upper-cases each string message to the stream named by {@code test.output}. */
public class UpperCaseTask implements StreamTask {
  private static final SystemStream OUT = new SystemStream("kafka", "upper");

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    String text = (String) envelope.getMessage();
    if (!text.isBlank()) {
      collector.send(new OutgoingMessageEnvelope(OUT, envelope.getKey(), text.toUpperCase()));
    }
  }
}
