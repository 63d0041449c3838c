package io.strand.benchmarks.strand;

import io.strand.benchmarks.data.Payloads;
import io.strand.benchmarks.progress.Progress;
import io.strand.config.Config;
import io.strand.context.Context;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;

/**
 * Strand's stateful count: per record one {@code get} and one {@code put} on the changelogged
 * RocksDB store {@value StrandJobConfig#COUNT_STORE} (key: the 8-byte key as a long; value: the
 * count), then the new count to {@code bench.output} as {@code [origin micros][count]}.
 *
 * <p>Threading: one instance per task, called by its container's run loop only.
 */
public final class CountTask implements StreamTask, InitableTask {

  private SystemStream output;
  private KeyValueStore<Long, Long> counts;

  @Override
  public void init(Context context) {
    Config config = context.getJobContext().getConfig();
    output = SystemStream.parse(config.getRequired(StrandJobConfig.OUTPUT));
    counts = context.getTaskContext().getStore(StrandJobConfig.COUNT_STORE);
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    Progress.record();
    Long key = (Long) envelope.getKey();
    Long previous = counts.get(key);
    long count = previous == null ? 1 : previous + 1;
    counts.put(key, count);
    collector.send(new OutgoingMessageEnvelope(output, key,
        Payloads.countOutput((byte[]) envelope.getMessage(), count)));
  }
}
