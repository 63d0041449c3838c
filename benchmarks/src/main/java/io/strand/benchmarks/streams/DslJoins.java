package io.strand.benchmarks.streams;

import io.strand.benchmarks.data.JoinPayloads;
import io.strand.benchmarks.progress.Progress;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The join workloads written with Kafka Streams' DSL, the programs of
 * {@code io.strand.benchmarks.strand.StreamsApiEnrich} and {@code StreamsApiJoin} (Strand's
 * streams API):
 *
 * <ul>
 *   <li>enrichment: {@code stream(input).join(table(}{@value JoinPayloads#TABLE}{@code ), joiner)},
 *       the table materialized in the persistent store {@value #TABLE_STORE} (RocksDB, the DSL's
 *       default record cache, sized by {@code statestore.cache.max.bytes}) whose changelog is the
 *       table topic itself ({@code topology.optimization=reuse.ktable.source.topics}, as Strand's
 *       tables); the table's records are timestamped before the stream's, so the task's
 *       timestamp-ordered choice of the next record reads them first;</li>
 *   <li>join: {@code stream(left).join(stream(right), joiner, JoinWindows.ofTimeDifferenceAndGrace(}
 *       {@value JoinPayloads#WINDOW_MS}{@code  ms, }{@value JoinPayloads#GRACE_MS}{@code  ms))}, both
 *       sides in the DSL's persistent window stores with changelogs (they never cache).</li>
 * </ul>
 *
 * <p>Threading: stateless; the functions run on the stream thread.
 */
final class DslJoins {

  /** The enrichment's table store. */
  static final String TABLE_STORE = "table";

  private DslJoins() {
  }

  /**
   * @param input the stream (8-byte long keys)
   * @param output the output topic
   * @param properties the application's settings (the build applies its optimizations)
   * @return the enrichment's topology
   */
  static Topology enrich(String input, String output, Properties properties) {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<Long, byte[]> table = builder.table(JoinPayloads.TABLE, Consumed.with(Serdes.Long(), Serdes.ByteArray()),
        Materialized.<Long, byte[], KeyValueStore<Bytes, byte[]>>as(TABLE_STORE)
            .withKeySerde(Serdes.Long()).withValueSerde(Serdes.ByteArray()));
    builder.stream(input, Consumed.with(Serdes.Long(), Serdes.ByteArray()))
        .peek((k, v) -> Progress.record())
        .join(table, JoinPayloads::enriched)
        .to(output, Produced.with(Serdes.Long(), Serdes.ByteArray()));
    return builder.build(properties);
  }

  /**
   * @param output the output topic
   * @return the windowed join's topology
   */
  static Topology join(String output) {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<Long, byte[]> left = builder.stream(JoinPayloads.LEFT, Consumed.with(Serdes.Long(), Serdes.ByteArray()))
        .peek((k, v) -> Progress.record());
    KStream<Long, byte[]> right = builder.stream(JoinPayloads.RIGHT, Consumed.with(Serdes.Long(), Serdes.ByteArray()))
        .peek((k, v) -> Progress.record());
    left.join(right, JoinPayloads::joined,
            JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(JoinPayloads.WINDOW_MS),
                Duration.ofMillis(JoinPayloads.GRACE_MS)),
            StreamJoined.with(Serdes.Long(), Serdes.ByteArray(), Serdes.ByteArray()))
        .to(output, Produced.with(Serdes.Long(), Serdes.ByteArray()));
    return builder.build();
  }
}
