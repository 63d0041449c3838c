package io.strand.streams.internal.graph;

import io.strand.config.Config;
import io.strand.serializers.Serde;
import io.strand.streams.Consumed;
import io.strand.streams.GlobalKTable;
import io.strand.streams.KStream;
import io.strand.streams.KTable;
import io.strand.streams.StreamGraph;
import io.strand.streams.TimestampExtractor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@link StreamGraph} a {@code describe} call fills: sources, the operators hanging off them,
 * the declared stores, and the names in use. Generated names are {@code <kind>-<position>} (four
 * digits), position counting every operator created so far, as Kafka Streams numbers its
 * processors; so the same {@code describe} gives the same names in every container.
 *
 * <p>Threading: filled by one thread, then read-only.
 */
public final class GraphBuilder implements StreamGraph {

  /** The store every task keeps its watermarks in (reserved: no operator or store may take it). */
  public static final String WATERMARK_STORE = "streams-watermarks";

  private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]+");

  private final Config config;
  private final String system;
  private final String topicPrefix;
  private final Map<String, SourceNode> sources = new LinkedHashMap<>();
  private final Map<String, Serde<?>[]> stores = new LinkedHashMap<>();
  private final List<SinkNode> sinks = new ArrayList<>();
  private final List<AggregateNode> aggregates = new ArrayList<>();
  private final List<TableStoreNode> tableStores = new ArrayList<>();
  private final List<String> joinStores = new ArrayList<>();
  private final List<StreamJoinNode> streamJoinSides = new ArrayList<>();
  private final Map<String, List<SourceNode>> coPartitioned = new LinkedHashMap<>();
  private final Set<String> names = new HashSet<>();
  private int position;

  /**
   * Starts an empty graph.
   *
   * @param config the job's configuration as loaded
   * @param system the system every stream is on
   * @param topicPrefix {@code <job.name>-<job.id>-}, the prefix of intermediate topics and changelogs
   */
  public GraphBuilder(Config config, String system, String topicPrefix) {
    this.config = config;
    this.system = system;
    this.topicPrefix = topicPrefix;
    names.add(WATERMARK_STORE);
  }

  @Override
  public <K, V> KStream<K, V> stream(String topic) {
    return stream(topic, Consumed.withSystemSerdes());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> KStream<K, V> stream(String topic, Consumed<K, V> consumed) {
    return new KStreamImpl<>(this, addSource(topic, consumed, SourceNode.Role.STREAM), false);
  }

  @Override
  public <K, V> KTable<K, V> table(String topic) {
    return table(topic, Consumed.withSystemSerdes());
  }

  @Override
  public <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed) {
    return Tables.table(this, addSource(topic, consumed, SourceNode.Role.TABLE), consumed);
  }

  @Override
  public <K, V> GlobalKTable<K, V> globalTable(String topic) {
    return globalTable(topic, Consumed.withSystemSerdes());
  }

  @Override
  public <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed) {
    return Tables.globalTable(this, addSource(topic, consumed, SourceNode.Role.GLOBAL), consumed);
  }

  @SuppressWarnings("unchecked")
  private SourceNode addSource(String topic, Consumed<?, ?> consumed, SourceNode.Role role) {
    String call = role == SourceNode.Role.STREAM ? "stream" : role == SourceNode.Role.TABLE ? "table" : "globalTable";
    if (topic == null || topic.isBlank() || sources.containsKey(topic)) {
      throw new IllegalArgumentException(call + "('" + topic + "'): " + (topic == null || topic.isBlank()
          ? "a topic name is needed" : "the topic is already an input of this graph; reuse its KStream or table"));
    }
    SourceNode source = new SourceNode(generated("source"), system, topic, consumed.keySerde(), consumed.valueSerde(),
        (TimestampExtractor<Object, Object>) consumed.timestampExtractor(), consumed.outOfOrdernessMs(),
        consumed.idleTimeoutMs(), List.of(), role);
    sources.put(topic, source);
    return source;
  }

  @Override
  public void addStateStore(String name, Serde<?> keySerde, Serde<?> valueSerde) {
    claim(name, "store");
    if (keySerde == null || valueSerde == null) {
      throw new IllegalArgumentException("store '" + name + "' needs a key and a value serde");
    }
    stores.put(name, new Serde<?>[] {keySerde, valueSerde});
  }

  @Override
  public Config config() {
    return config;
  }

  /** @return the system every stream is on */
  public String system() {
    return system;
  }

  /** @return every source, authors' inputs and intermediate topics, in the order added */
  public List<SourceNode> sources() {
    return List.copyOf(sources.values());
  }

  /** @return every sink */
  public List<SinkNode> sinks() {
    return Collections.unmodifiableList(sinks);
  }

  /** @return every aggregation */
  public List<AggregateNode> aggregates() {
    return Collections.unmodifiableList(aggregates);
  }

  /** @return every table's store */
  public List<TableStoreNode> tableStores() {
    return Collections.unmodifiableList(tableStores);
  }

  void addTableStore(TableStoreNode store) {
    tableStores.add(store);
  }

  /** @return the changelogged byte stores joins keep (a foreign-key join's subscriptions, stream-stream join buffers) */
  public List<String> joinStores() {
    return Collections.unmodifiableList(joinStores);
  }

  void addJoinStore(String store) {
    joinStores.add(store);
  }

  /** @return both sides of every windowed stream-stream join, each with its own buffer store */
  public List<StreamJoinNode> streamJoinSides() {
    return Collections.unmodifiableList(streamJoinSides);
  }

  void addStreamJoinSide(StreamJoinNode side) {
    streamJoinSides.add(side);
  }

  /** @return the stores declared for processors: name to key and value serde */
  public Map<String, Serde<?>[]> declaredStores() {
    return Collections.unmodifiableMap(stores);
  }

  /**
   * The changelog topic of a store.
   *
   * @param store the store name
   * @return {@code <job.name>-<job.id>-<store>-changelog}
   */
  public String changelogTopic(String store) {
    return topicPrefix + store + "-changelog";
  }

  String intermediateTopic(String operator) {
    return topicPrefix + operator;
  }

  String generated(String kind) {
    String name;
    do {
      name = kind + "-" + String.format("%04d", position++);
    } while (names.contains(name));
    names.add(name);
    return name;
  }

  String named(String given, String kind) {
    if (given == null) {
      return generated(kind);
    }
    claim(given, kind);
    position++;
    return given;
  }

  private void claim(String name, String what) {
    if (name == null || !LEGAL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " name '" + name + "' must be letters, digits, '.', '_' or '-'"
          + " (it names topics and stores)");
    }
    if (!names.add(name)) {
      throw new IllegalArgumentException(what + " name '" + name + "' is already used in this graph"
          + (WATERMARK_STORE.equals(name) ? " (reserved for the watermark store)" : ""));
    }
  }

  void checkStore(String store) {
    if (!stores.containsKey(store)) {
      throw new IllegalArgumentException("process(...) names store '" + store + "', which the graph does not declare;"
          + " call graph.addStateStore(\"" + store + "\", keySerde, valueSerde) first. Declared: " + stores.keySet());
    }
  }

  SourceNode addIntermediate(SinkNode sink, List<SourceNode> upstream) {
    sinks.add(sink);
    SourceNode source = new SourceNode(generated("source"), system, sink.topic(), sink.keySerde(), sink.valueSerde(),
        null, 0, -1, upstream);
    sources.put(sink.topic(), source);
    return source;
  }

  void addSink(SinkNode sink) {
    sinks.add(sink);
  }

  void addAggregate(AggregateNode aggregate) {
    aggregates.add(aggregate);
  }

  /**
   * The inputs that must be co-partitioned (same partition count), per operator that needs a key's
   * records of several inputs in one task: every windowed stream-stream join, stream-table and
   * table-table join, and both halves of every foreign-key join ({@link JoinInputs}). The planner
   * writes them into the job's {@code job.copartitioned.<operator>} keys and the job's coordinator
   * checks them when it plans the job model, the one co-partitioning check (the container's
   * {@code CoPartitionedInputs}).
   *
   * @return operator name to the sources feeding it, in graph order
   */
  public Map<String, List<SourceNode>> coPartitioned() {
    Map<String, List<SourceNode>> all = new LinkedHashMap<>(coPartitioned);
    for (JoinInputs join : JoinInputs.of(this)) {
      all.put(join.join(), join.all());
    }
    return Collections.unmodifiableMap(all);
  }

  /**
   * Records that the sources feeding an operator must have the same partition count (stream-stream
   * joins; table joins are found in the graph).
   *
   * @param operator the operator, named in the error
   * @param inputs the sources of all its sides
   */
  void requireCoPartitioned(String operator, List<SourceNode> inputs) {
    coPartitioned.put(operator, List.copyOf(inputs));
  }
}
