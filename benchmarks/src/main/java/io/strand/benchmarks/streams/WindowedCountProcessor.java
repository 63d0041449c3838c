package io.strand.benchmarks.streams;

import io.strand.benchmarks.data.InputLoader;
import io.strand.benchmarks.data.Payloads;
import io.strand.benchmarks.progress.Progress;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Kafka Streams' windowed count, the Processor API way: 1 s tumbling windows by the record
 * timestamp; per record one {@code fetch} and one {@code put} on the persistent window store
 * {@value StreamsTopologies#WINDOW_STORE} (changelogged, cached per
 * {@link io.strand.benchmarks.workload.StoreCache}), then the window's new count downstream as {@code [origin micros][window start][count]}.
 *
 * <p>Threading: one instance per task, called by its stream thread only.
 */
final class WindowedCountProcessor implements Processor<Long, byte[], Long, byte[]> {

  private ProcessorContext<Long, byte[]> context;
  private WindowStore<Long, Long> windows;

  @Override
  public void init(ProcessorContext<Long, byte[]> context) {
    this.context = context;
    this.windows = context.getStateStore(StreamsTopologies.WINDOW_STORE);
  }

  @Override
  public void process(Record<Long, byte[]> record) {
    Progress.record();
    long windowStart = Payloads.windowStart(record.timestamp(), InputLoader.WINDOW_MS);
    Long previous = windows.fetch(record.key(), windowStart);
    long count = previous == null ? 1 : previous + 1;
    windows.put(record.key(), count, windowStart);
    context.forward(record.withValue(Payloads.windowOutput(record.value(), windowStart, count)));
  }
}
