package io.strand.benchmarks.strand;

import io.strand.benchmarks.data.InputLoader;
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
 * Strand's windowed count: 1 s tumbling windows by event time (the record timestamp). Per record
 * one {@code get} and one {@code put} on the changelogged RocksDB store
 * {@value StrandJobConfig#WINDOW_STORE}, keyed by one long: the key id in the high 32 bits, the
 * window start in seconds in the low 32 (so a key's windows sort together by time, and the store key
 * is a plain {@code long} like the count's), then the window's new count to {@code bench.output} as
 * {@code [origin micros][window start][count]}. Old windows are not expired here (Kafka Streams drops
 * them by retention): the suite's 50 s of event time keeps the store small either way.
 *
 * <p>Threading: one instance per task, called by its container's run loop only.
 */
public final class WindowedCountTask implements StreamTask, InitableTask {

  private SystemStream output;
  private KeyValueStore<Long, Long> windows;

  @Override
  public void init(Context context) {
    Config config = context.getJobContext().getConfig();
    output = SystemStream.parse(config.getRequired(StrandJobConfig.OUTPUT));
    windows = context.getTaskContext().getStore(StrandJobConfig.WINDOW_STORE);
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    Progress.record();
    Long key = (Long) envelope.getKey();
    long windowStart = Payloads.windowStart(envelope.getEventTime(), InputLoader.WINDOW_MS);
    long storeKey = (key << 32) | (windowStart / 1000 & 0xffff_ffffL);
    Long previous = windows.get(storeKey);
    long count = previous == null ? 1 : previous + 1;
    windows.put(storeKey, count);
    collector.send(new OutgoingMessageEnvelope(output, key,
        Payloads.windowOutput((byte[]) envelope.getMessage(), windowStart, count)));
  }
}
