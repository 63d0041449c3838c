package io.strand.benchmarks.streams;

import io.strand.benchmarks.data.Payloads;
import io.strand.benchmarks.progress.Progress;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Kafka Streams' stateful count, the Processor API way: per record one {@code get} and one
 * {@code put} on the persistent (RocksDB, changelogged) store {@value StreamsTopologies#COUNT_STORE},
 * cached per {@link io.strand.benchmarks.workload.StoreCache}, then the new count downstream as
 * {@code [origin micros][count]}.
 *
 * <p>Threading: one instance per task, called by its stream thread only.
 */
final class CountProcessor implements Processor<Long, byte[], Long, byte[]> {

  private ProcessorContext<Long, byte[]> context;
  private KeyValueStore<Long, Long> counts;

  @Override
  public void init(ProcessorContext<Long, byte[]> context) {
    this.context = context;
    this.counts = context.getStateStore(StreamsTopologies.COUNT_STORE);
  }

  @Override
  public void process(Record<Long, byte[]> record) {
    Progress.record();
    Long previous = counts.get(record.key());
    long count = previous == null ? 1 : previous + 1;
    counts.put(record.key(), count);
    context.forward(record.withValue(Payloads.countOutput(record.value(), count)));
  }
}
