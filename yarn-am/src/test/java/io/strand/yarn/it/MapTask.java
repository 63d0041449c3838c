package io.strand.yarn.it;

import io.strand.config.Config;
import io.strand.context.Context;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The YARN tests' job: each input value n (string serde) becomes {@code 2n} on {@code test.output},
 * keyed {@code <input partition>:<input offset>} so duplicates can be told from distinct records.
 * {@code test.throttle.every} / {@code test.throttle.ms} slow it down so a test can act mid-run;
 * {@code test.fail.init=true} makes every task's init fail, so every container start fails.
 *
 * <p>Threading: one instance per task, called by its container's run loop only.
 */
public final class MapTask implements StreamTask, InitableTask {

  private SystemStream output;
  private int throttleEvery;
  private long throttleNanos;
  private long seen;

  @Override
  public void init(Context context) {
    Config config = context.getJobContext().getConfig();
    if (config.getBoolean("test.fail.init", false)) {
      throw new IllegalStateException("test.fail.init is set: this task always fails to start");
    }
    output = SystemStream.parse(config.getRequired("test.output"));
    throttleEvery = config.getInt("test.throttle.every", 0);
    throttleNanos = TimeUnit.MILLISECONDS.toNanos(config.getLong("test.throttle.ms", 0));
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    long n = Long.parseLong((String) envelope.getMessage());
    collector.send(new OutgoingMessageEnvelope(output,
        envelope.getSystemStreamPartition().partition().id() + ":" + envelope.getOffset(), String.valueOf(2 * n)));
    if (throttleEvery > 0 && ++seen % throttleEvery == 0) {
      LockSupport.parkNanos(throttleNanos); // deliberately slow, so a test can act while the job runs
    }
  }
}
