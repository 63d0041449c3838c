package io.strand.benchmarks.strand;

import io.strand.benchmarks.progress.Progress;
import io.strand.config.Config;
import io.strand.context.Context;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;

/**
 * Strand's passthrough workload: every input record, key and value unchanged, to
 * {@code bench.output} ({@code system.stream}).
 *
 * <p>Threading: one instance per task, called by its container's run loop only.
 */
public final class PassthroughTask implements StreamTask, InitableTask {

  private SystemStream output;

  @Override
  public void init(Context context) {
    Config config = context.getJobContext().getConfig();
    output = SystemStream.parse(config.getRequired(StrandJobConfig.OUTPUT));
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    Progress.record();
    collector.send(new OutgoingMessageEnvelope(output, envelope.getKey(), envelope.getMessage()));
  }
}
