package io.strand.benchmarks.streams;

import io.strand.benchmarks.data.InputLoader;
import io.strand.benchmarks.data.Payloads;
import io.strand.benchmarks.progress.Progress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The windowed count written with Kafka Streams' DSL, line for line the program of
 * {@code io.strand.benchmarks.strand.StreamsApiWindowedCount} (Strand's streams API):
 * {@code groupByKey().windowedBy(TimeWindows.ofSizeAndGrace(1 s, 0)).emitStrategy(onWindowUpdate())
 * .aggregate(...)}, the aggregate {@code [origin micros][count]} (16 bytes, so the output carries
 * the latest record's origin for latency runs) in the persistent window store
 * {@value StreamsTopologies#WINDOW_STORE} (RocksDB, changelog
 * {@code <application.id>-windows-changelog}, retained a minute as the Processor API workload's), then
 * each result to the output as {@code [origin micros][window start][count]}.
 *
 * <p>The store's record cache is off ({@code withCachingDisabled()}), whatever
 * {@link io.strand.benchmarks.workload.StoreCache} says: in the DSL the cache also holds back the
 * downstream results until a commit or an eviction, so with it on the job would emit one result per
 * key and window per commit interval (10 s) instead of one per input record, as the streams API
 * workload ({@code onWindowUpdate()}) and the other windowed workloads do. The price is that every
 * update is written to RocksDB and the changelog, where Strand's cached store coalesces them.
 *
 * <p>Threading: stateless; the functions run on the stream thread.
 */
final class DslWindowedCount {

  private DslWindowedCount() {
  }

  /**
   * @param input the input topic (8-byte long keys)
   * @param output the output topic
   * @param retention how long the window store keeps a window
   * @return the topology
   */
  static Topology topology(String input, String output, Duration retention) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.Long(), Serdes.ByteArray()))
        .peek((k, v) -> Progress.record())
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(InputLoader.WINDOW_MS), Duration.ZERO))
        .emitStrategy(EmitStrategy.onWindowUpdate())
        .aggregate(() -> new byte[16], (key, value, aggregate) -> ByteBuffer.allocate(16)
                .putLong(Payloads.originMicros(value)).putLong(ByteBuffer.wrap(aggregate).getLong(8) + 1).array(),
            Materialized.<Long, byte[], WindowStore<Bytes, byte[]>>as(StreamsTopologies.WINDOW_STORE)
                .withKeySerde(Serdes.Long()).withValueSerde(Serdes.ByteArray())
                .withRetention(retention).withCachingDisabled())
        .toStream()
        .map((window, aggregate) -> {
          ByteBuffer a = ByteBuffer.wrap(aggregate);
          return KeyValue.pair(window.key(), ByteBuffer.allocate(24).putLong(a.getLong())
              .putLong(window.window().start()).putLong(a.getLong()).array());
        })
        .to(output, Produced.with(Serdes.Long(), Serdes.ByteArray()));
    return builder.build();
  }
}
