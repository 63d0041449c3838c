package io.strand.testkit.job;

import io.strand.context.Context;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import org.apache.avro.generic.GenericRecord;

/** Test task: writes each Avro order as {@code id:amount:currency} to the stream named by {@code test.output}. */
public class AvroOrderTask implements StreamTask, InitableTask {
  private SystemStream out;

  @Override
  public void init(Context context) {
    out = new SystemStream("kafka", context.getJobContext().getConfig().getRequired("test.output"));
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    GenericRecord order = (GenericRecord) envelope.getMessage();
    collector.send(new OutgoingMessageEnvelope(out, null,
        order.get("id") + ":" + order.get("amount") + ":" + order.get("currency")));
  }
}
