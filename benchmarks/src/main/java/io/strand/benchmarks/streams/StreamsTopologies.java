package io.strand.benchmarks.streams;

import io.strand.benchmarks.data.InputLoader;
import io.strand.benchmarks.progress.Progress;
import io.strand.benchmarks.workload.Api;
import io.strand.benchmarks.workload.ClientSettings;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.WorkerSpec;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The Kafka Streams side of each workload, written the idiomatic way: the DSL
 * {@code stream(in).to(out)} for the passthrough, the Processor API with a persistent store
 * ({@code Stores.persistentKeyValueStore} / {@code persistentWindowStore}: RocksDB, changelog on,
 * {@code withCachingEnabled()} and {@code statestore.cache.max.bytes} from
 * {@link io.strand.benchmarks.workload.StoreCache}, as Strand's stores cache; neither when it is
 * off) for the counts ({@link io.strand.benchmarks.workload.Api#DSL}: the windowed count in the DSL,
 * {@link DslWindowedCount}; the join workloads, {@link DslJoins}); a restore is the count topology started on an empty state directory, its
 * input offsets already committed at the end so that it only restores.
 *
 * <p>Settings that matter (the report lists them): {@code num.stream.threads=1},
 * {@code processing.guarantee=at_least_once}, {@code commit.interval.ms} =
 * {@link ClientSettings#COMMIT_MS} (an exactly-once workload: {@code exactly_once_v2},
 * {@code enable.transactional.statestores=true}, {@code commit.interval.ms} = its interval), the
 * shared {@link ClientSettings} for its consumer and producer,
 * Kafka Streams' default RocksDB configuration; latency runs apply
 * {@link ClientSettings#latencyOverrides()}.
 *
 * <p>Threading: stateless.
 */
public final class StreamsTopologies {

  /** Store of the count workload. */
  public static final String COUNT_STORE = "counts";
  /** Store of the windowed workload. */
  public static final String WINDOW_STORE = "windows";
  /** Window store retention: old windows are never read again, a minute keeps a few segments. */
  private static final Duration WINDOW_RETENTION = Duration.ofMinutes(1);

  private StreamsTopologies() {
  }

  /**
   * @param spec the workload run
   * @return its topology
   */
  public static Topology topology(WorkerSpec spec) {
    Kind kind = spec.workload().kind();
    if (kind == Kind.PASSTHROUGH) {
      StreamsBuilder builder = new StreamsBuilder();
      builder.stream(spec.input(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
          .peek((k, v) -> Progress.record())
          .to(spec.output(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
      return builder.build();
    }
    if (kind == Kind.ENRICH) {
      return DslJoins.enrich(spec.input(), spec.output(), properties(spec));
    }
    if (kind == Kind.JOIN) {
      return DslJoins.join(spec.output());
    }
    if (spec.workload().api() == Api.DSL) {
      return DslWindowedCount.topology(spec.input(), spec.output(), WINDOW_RETENTION);
    }
    Topology t = new Topology();
    t.addSource("input", new LongDeserializer(), new ByteArrayDeserializer(), spec.input());
    if (kind == Kind.WINDOWED) {
      t.addProcessor("count", WindowedCountProcessor::new, "input");
      StoreBuilder<WindowStore<Long, Long>> store = Stores.windowStoreBuilder(
          Stores.persistentWindowStore(WINDOW_STORE, WINDOW_RETENTION, Duration.ofMillis(InputLoader.WINDOW_MS), false),
          Serdes.Long(), Serdes.Long());
      t.addStateStore(spec.storeCache().enabled() ? store.withCachingEnabled() : store, "count");
    } else {
      t.addProcessor("count", CountProcessor::new, "input");
      StoreBuilder<KeyValueStore<Long, Long>> store = Stores.keyValueStoreBuilder(
          Stores.persistentKeyValueStore(COUNT_STORE), Serdes.Long(), Serdes.Long());
      t.addStateStore(spec.storeCache().enabled() ? store.withCachingEnabled() : store, "count");
    }
    t.addSink("output", spec.output(), new LongSerializer(), new ByteArraySerializer(), "count");
    return t;
  }

  /**
   * @param spec the workload run
   * @return the application's settings
   */
  public static Properties properties(WorkerSpec spec) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, spec.jobName());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, spec.bootstrapServers());
    p.put(StreamsConfig.STATE_DIR_CONFIG, spec.stateDir().toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    if (spec.workload().exactlyOnce()) {
      p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
      // KIP-892 (Kafka Streams 4.4): the store buffers uncommitted writes, so a crash no longer
      // wipes local state; Strand's exactly-once mode keeps its state too.
      p.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
    } else {
      p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    }
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, spec.workload().commitMs());
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, spec.storeCache().streamsBytes());
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    if (spec.workload().kind() == Kind.ENRICH) {
      // The table topic is the table store's changelog, no second copy, as Strand's tables.
      p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
    }
    ClientSettings.consumer(spec.latencyMode()).forEach((k, v) -> p.put(StreamsConfig.consumerPrefix(k), v));
    ClientSettings.producer(spec.latencyMode()).forEach((k, v) -> p.put(StreamsConfig.producerPrefix(k), v));
    return p;
  }
}
