package io.strand.streams.internal.plan;

import io.strand.config.application.DescribedSerdeFactory;
import io.strand.config.view.BroadcastInput;
import io.strand.config.view.ChooserOrder;
import io.strand.config.view.JobConfig;
import io.strand.config.view.SerializerConfig;
import io.strand.config.view.StorageConfig;
import io.strand.config.view.StreamName;
import io.strand.config.view.SystemConfig;
import io.strand.config.view.TaskConfig;
import io.strand.serializers.Serde;
import io.strand.streams.internal.graph.AggregateNode;
import io.strand.streams.internal.graph.GraphBuilder;
import io.strand.streams.internal.graph.SinkNode;
import io.strand.streams.internal.graph.SourceNode;
import io.strand.streams.internal.graph.StreamJoinNode;
import io.strand.streams.internal.graph.TableStoreNode;
import io.strand.streams.internal.runtime.AggregateValueSerde;
import io.strand.streams.internal.runtime.TopicSizes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys a graph stands for, added under the job's own (a key in the properties file wins):
 * <ul>
 *   <li>{@code task.inputs}: every source, the author's inputs and the intermediate topics;</li>
 *   <li>intermediate topics: {@code samza.intermediate=true} (the coordinator creates them),
 *       byte serdes (the runtime frames records itself) and {@code samza.offset.default=oldest}
 *       (nothing written to them may be skipped);</li>
 *   <li>stores: one per aggregation, named by the operator, plus the task's watermark store; RocksDB,
 *       byte serdes (an aggregation's values: {@link AggregateValueSerde}, which lets the object
 *       cache hold aggregates unserialized until it writes them down), changelog {@code <job.name>-<job.id>-<store>-changelog}; declared processor
 *       stores with their serdes;</li>
 *   <li>serde instances the author gave ({@code Consumed}, {@code Produced}, store serdes),
 *       registered as {@code streams-<topic or store>-key|msg} with {@link DescribedSerdeFactory},
 *       which hands the container the instance {@code describe} made;</li>
 *   <li>tables: a table's topic starts at {@code oldest} without a checkpoint; a global table's topic is
 *       a broadcast input (every partition, counted now), bootstrap, reset to oldest at every start;
 *       their stores have no changelog (the topic is theirs); {@code toTable}'s store has one;</li>
 *   <li>queryable state: each aggregation store's query layout and serdes ({@link QueryStoreKeys});</li>
 *   <li>buffers of stream-stream joins, RocksDB with byte serdes and changelogs as aggregations';</li>
 *   <li>{@code job.copartitioned.<join>} for every key-based join
 *       ({@link io.strand.streams.internal.graph.GraphBuilder#coPartitioned}): the inputs feeding it,
 *       which the coordinator checks have one partition count when it plans the job model;</li>
 *   <li>{@code task.window.ms=100}: the tick that notices idle partitions and sends watermarks
 *       downstream.</li>
 * </ul>
 *
 * @param keys the keys
 * @param serdes the registered serde instances by name
 */
record GraphConfig(Map<String, String> keys, Map<String, Serde<?>> serdes) {

  static final String ROCKSDB = "io.strand.kv.RocksDbStoreFactory";
  static final String WINDOW_MS = "100";
  /** Retention of a join buffer's changelog beyond a record's life in the buffer: one day, ms. */
  static final long JOIN_CHANGELOG_EXTRA_RETENTION_MS = 86_400_000L;
  /** The aggregation stores' value serde: bytes, or aggregates serialized when the cache writes them down. */
  static final String AGGREGATE_VALUES = "streams-aggregate-values";

  static GraphConfig of(GraphBuilder graph, TopicSizes sizes) {
    Map<String, String> keys = new LinkedHashMap<>();
    Map<String, Serde<?>> serdes = new LinkedHashMap<>();
    String system = graph.system();
    List<String> inputs = new ArrayList<>();
    List<String> broadcast = new ArrayList<>();
    for (SourceNode s : graph.sources()) {
      StreamName stream = new StreamName(system, s.topic());
      if (s.role() == SourceNode.Role.GLOBAL) {
        broadcast.add(new BroadcastInput(stream, 0, sizes.partitions(system, s.topic()) - 1).toString());
        keys.put(SystemConfig.streamKey(stream, SystemConfig.SAMZA_BOOTSTRAP), "true");
        keys.put(SystemConfig.streamKey(stream, SystemConfig.SAMZA_RESET_OFFSET), "true");
      } else {
        inputs.add(system + "." + s.topic());
      }
      if (s.role() != SourceNode.Role.STREAM) {
        keys.put(SystemConfig.streamKey(stream, SystemConfig.SAMZA_OFFSET_DEFAULT), "oldest");
      }
      if (s.intermediate()) {
        keys.put(SystemConfig.streamKey(stream, SystemConfig.SAMZA_INTERMEDIATE), "true");
        keys.put(SystemConfig.streamKey(stream, SystemConfig.SAMZA_KEY_SERDE), "bytes");
        keys.put(SystemConfig.streamKey(stream, SystemConfig.SAMZA_MSG_SERDE), "bytes");
        keys.put(SystemConfig.streamKey(stream, SystemConfig.SAMZA_OFFSET_DEFAULT), "oldest");
      } else {
        serde(keys, serdes, stream, SystemConfig.SAMZA_KEY_SERDE, "streams-" + s.topic() + "-key", s.keySerde());
        serde(keys, serdes, stream, SystemConfig.SAMZA_MSG_SERDE, "streams-" + s.topic() + "-msg", s.valueSerde());
      }
    }
    keys.put(TaskConfig.TASK_INPUTS, String.join(",", inputs));
    if (!broadcast.isEmpty()) {
      keys.put(TaskConfig.TASK_BROADCAST_INPUTS, String.join(",", broadcast));
    }
    for (SinkNode s : graph.sinks()) {
      if (!s.intermediate()) {
        StreamName stream = new StreamName(system, s.topic());
        serde(keys, serdes, stream, SystemConfig.SAMZA_KEY_SERDE, "streams-" + s.topic() + "-key", s.keySerde());
        serde(keys, serdes, stream, SystemConfig.SAMZA_MSG_SERDE, "streams-" + s.topic() + "-msg", s.valueSerde());
      }
    }
    store(keys, graph, GraphBuilder.WATERMARK_STORE, "bytes", "bytes");
    if (!graph.aggregates().isEmpty()) {
      register(keys, serdes, AGGREGATE_VALUES, new AggregateValueSerde());
    }
    for (AggregateNode a : graph.aggregates()) {
      store(keys, graph, a.store(), "bytes", AGGREGATE_VALUES);
    }
    for (String store : graph.joinStores()) {
      store(keys, graph, store, "bytes", "bytes");
    }
    for (StreamJoinNode side : graph.streamJoinSides()) {
      // The buffer drops expired time segments without tombstones: its changelog forgets them by
      // time, as Kafka Streams' window store changelogs do.
      keys.put("stores." + side.ownStore() + "." + StorageConfig.CHANGELOG_RETENTION_MS,
          Long.toString(joinChangelogRetentionMs(side.lookAheadMs(), side.windows().graceMs())));
    }
    for (TableStoreNode t : graph.tableStores()) {
      if (t.logged()) {
        store(keys, graph, t.store(), "bytes", "bytes");
      } else {
        String prefix = "stores." + t.store() + ".";
        keys.put(prefix + "factory", ROCKSDB);
        keys.put(prefix + "key.serde", "bytes");
        keys.put(prefix + "msg.serde", "bytes");
      }
    }
    QueryStoreKeys.add(keys, serdes, graph);
    graph.coPartitioned().forEach((operator, sources) -> keys.put(JobConfig.JOB_COPARTITIONED_PREFIX + operator,
        String.join(",", sources.stream().map(s -> system + "." + s.topic()).toList())));
    graph.declaredStores().forEach((name, pair) -> {
      String keySerde = "streams-store-" + name + "-key";
      String msgSerde = "streams-store-" + name + "-msg";
      register(keys, serdes, keySerde, pair[0]);
      register(keys, serdes, msgSerde, pair[1]);
      store(keys, graph, name, keySerde, msgSerde);
    });
    keys.put(TaskConfig.TASK_WINDOW_MS, WINDOW_MS);
    // Event-time operators (joins, aggregations over merged streams, watermarks) see fewer
    // out-of-order records when a task's partitions advance together in time, as in Kafka Streams.
    keys.put(TaskConfig.TASK_CHOOSER_ORDER, ChooserOrder.TIMESTAMP.configValue());
    return new GraphConfig(Map.copyOf(keys), Map.copyOf(serdes));
  }

  /**
   * The time retention of a stream-stream join buffer's changelog: a record's life in the buffer
   * (look-ahead plus grace) and {@value #JOIN_CHANGELOG_EXTRA_RETENTION_MS} ms more, Kafka Streams'
   * default {@code windowstore.changelog.additional.retention.ms}, for the changelog's record
   * times (wall clock) running ahead of event time, as while the inputs pause.
   *
   * @param lookAheadMs the side's look-ahead, ms
   * @param graceMs the join's grace, ms
   * @return the retention, ms
   */
  static long joinChangelogRetentionMs(long lookAheadMs, long graceMs) {
    long ahead = Math.max(0, lookAheadMs);
    long grace = Math.max(0, graceMs);
    if (ahead > Long.MAX_VALUE - JOIN_CHANGELOG_EXTRA_RETENTION_MS - grace) {
      return Long.MAX_VALUE; // held at the end of time
    }
    return ahead + grace + JOIN_CHANGELOG_EXTRA_RETENTION_MS;
  }

  private static void store(Map<String, String> keys, GraphBuilder graph, String store, String keySerde,
      String msgSerde) {
    String prefix = "stores." + store + ".";
    keys.put(prefix + "factory", ROCKSDB);
    keys.put(prefix + "key.serde", keySerde);
    keys.put(prefix + "msg.serde", msgSerde);
    keys.put(prefix + "changelog", graph.system() + "." + graph.changelogTopic(store));
  }

  private static void serde(Map<String, String> keys, Map<String, Serde<?>> serdes, StreamName stream, String suffix,
      String name, Serde<?> serde) {
    if (serde != null) {
      register(keys, serdes, name, serde);
      keys.put(SystemConfig.streamKey(stream, suffix), name);
    }
  }

  private static void register(Map<String, String> keys, Map<String, Serde<?>> serdes, String name, Serde<?> serde) {
    serdes.put(name, serde);
    keys.put(SerializerConfig.registryKey(name), DescribedSerdeFactory.class.getName());
  }
}
