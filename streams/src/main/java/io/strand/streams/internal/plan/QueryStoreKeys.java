package io.strand.streams.internal.plan;

import io.strand.config.application.DescribedSerdeFactory;
import io.strand.config.view.SerializerConfig;
import io.strand.config.view.SystemConfig;
import io.strand.serializers.Serde;
import io.strand.streams.internal.graph.AggregateNode;
import io.strand.streams.internal.graph.GraphBuilder;
import io.strand.streams.internal.graph.StreamJoinNode;
import io.strand.streams.internal.graph.TableStoreNode;
import io.strand.streams.internal.runtime.AggregateLayouts;
import io.strand.streams.internal.runtime.JoinBufferLayout;
import java.util.Map;
import java.util.Optional;

/**
 * The keys that make the graph's aggregation stores queryable ({@code io.strand.container.query}):
 * their byte stores hold framed keys and the operator's own entries, so each gets
 * {@code stores.<s>.query.layout} ({@link AggregateLayouts}: per key for count / reduce /
 * aggregate and for count windows, whose open window it reads per key; windowed for time and
 * session windows) and {@code stores.<s>.query.key.serde} /
 * {@code .query.msg.serde}: the operator's serdes (registered as
 * {@code streams-store-<s>-query-key|msg}), else the system's default serde names, as the operator
 * itself resolves them. Table stores ({@code table}, {@code globalTable}, {@code toTable}) keep
 * the plain layout and get the table's serdes the same way. Each side's buffer of a windowed
 * stream-stream join reads as a window store of its buffered records
 * ({@link JoinBufferLayout}), with the join's key serde and that side's value serde.
 */
final class QueryStoreKeys {

  private QueryStoreKeys() {}

  static void add(Map<String, String> keys, Map<String, Serde<?>> serdes, GraphBuilder graph) {
    for (AggregateNode a : graph.aggregates()) {
      Class<?> layout = switch (a.kind()) {
        case KEY -> AggregateLayouts.PerKey.class;
        case TIME, SESSION -> AggregateLayouts.Windowed.class;
        case COUNT -> AggregateLayouts.CountWindow.class;
      };
      String prefix = "stores." + a.store() + ".";
      keys.put(prefix + "query.layout", layout.getName());
      serde(keys, serdes, prefix + "query.key.serde", "streams-store-" + a.store() + "-query-key", a.keySerde(),
          graph, SystemConfig.SAMZA_KEY_SERDE);
      serde(keys, serdes, prefix + "query.msg.serde", "streams-store-" + a.store() + "-query-msg", a.valueSerde(),
          graph, SystemConfig.SAMZA_MSG_SERDE);
    }
    for (StreamJoinNode side : graph.streamJoinSides()) {
      // Each side's buffer: its own records by key and event time, its own value serde.
      String prefix = "stores." + side.ownStore() + ".";
      keys.put(prefix + "query.layout", JoinBufferLayout.class.getName());
      serde(keys, serdes, prefix + "query.key.serde", "streams-store-" + side.ownStore() + "-query-key",
          side.keySerde(), graph, SystemConfig.SAMZA_KEY_SERDE);
      serde(keys, serdes, prefix + "query.msg.serde", "streams-store-" + side.ownStore() + "-query-msg",
          side.ownValueSerde(), graph, SystemConfig.SAMZA_MSG_SERDE);
    }
    for (TableStoreNode t : graph.tableStores()) {
      // A table's store holds the serialized key and value as they are (the default, plain layout).
      String prefix = "stores." + t.store() + ".";
      serde(keys, serdes, prefix + "query.key.serde", "streams-store-" + t.store() + "-query-key", t.keySerde(),
          graph, SystemConfig.SAMZA_KEY_SERDE);
      serde(keys, serdes, prefix + "query.msg.serde", "streams-store-" + t.store() + "-query-msg", t.valueSerde(),
          graph, SystemConfig.SAMZA_MSG_SERDE);
    }
  }

  private static void serde(Map<String, String> keys, Map<String, Serde<?>> serdes, String key, String name,
      Serde<?> given, GraphBuilder graph, String systemDefault) {
    if (given != null) {
      serdes.put(name, given);
      keys.put(SerializerConfig.registryKey(name), DescribedSerdeFactory.class.getName());
      keys.put(key, name);
      return;
    }
    Optional<String> fallback = graph.config().get(SystemConfig.systemKey(graph.system(), systemDefault))
        .map(String::trim).filter(s -> !s.isEmpty());
    fallback.ifPresent(n -> keys.put(key, n));
  }
}
