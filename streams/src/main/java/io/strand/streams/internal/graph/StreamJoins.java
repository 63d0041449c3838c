package io.strand.streams.internal.graph;

import io.strand.streams.JoinWindows;
import io.strand.streams.KStream;
import io.strand.streams.Repartitioned;
import io.strand.streams.StreamJoined;
import io.strand.streams.ValueJoiner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Adds a windowed stream-stream join to a graph: repartitions a side whose key changed, claims the
 * names (operator {@code <name>}, sides {@code <name>-this} / {@code <name>-other}, stores
 * {@code <store>-this-join-store} / {@code <store>-other-join-store}), adds the two
 * {@link StreamJoinNode}s feeding one pass-through output node, and records that the inputs of both
 * sides must be co-partitioned.
 */
final class StreamJoins {

  private StreamJoins() {
  }

  @SuppressWarnings("unchecked")
  static <K, V, VO, VR> WindowJoinedKStreamImpl<K, V, VO, VR> join(GraphBuilder graph, KStreamImpl<K, V> left,
      KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
      StreamJoined<K, V, VO> settings, StreamJoinNode.Kind kind) {
    Objects.requireNonNull(joiner, "joiner");
    Objects.requireNonNull(windows, "windows");
    Objects.requireNonNull(settings, "streamJoined");
    if (!(otherStream instanceof KStreamImpl<K, VO> right) || right.graph() != graph) {
      throw new IllegalArgumentException("a stream-stream join needs two streams of the same graph");
    }
    String given = settings.name();
    KStreamImpl<K, V> thisInput = repartitionedIfKeyChanged(left, given, "left", kind,
        new Repartitioned<>(given + "-left-repartition", settings.keySerde(), settings.valueSerde()));
    KStreamImpl<K, VO> otherInput = repartitionedIfKeyChanged(right, given, "right", kind,
        new Repartitioned<>(given + "-right-repartition", settings.keySerde(), settings.otherValueSerde()));
    String name = graph.named(given, "join");
    String store = settings.storeName() != null ? settings.storeName() : name;
    String thisStore = graph.named(store + "-this-join-store", "store");
    String otherStore = graph.named(store + "-other-join-store", "store");
    graph.addJoinStore(thisStore);
    graph.addJoinStore(otherStore);
    StreamJoinNode.Joiner untyped = (a, b) -> joiner.apply((V) a, (VO) b);
    StreamJoinNode thisSide = new StreamJoinNode(graph.named(name + "-this", "join"), name, true, kind, windows,
        thisStore, otherStore, settings.keySerde(), settings.valueSerde(), settings.otherValueSerde(), untyped,
        graph.generated("late"));
    StreamJoinNode otherSide = new StreamJoinNode(graph.named(name + "-other", "join"), name, false, kind, windows,
        otherStore, thisStore, settings.keySerde(), settings.otherValueSerde(), settings.valueSerde(), untyped,
        graph.generated("late"));
    graph.addStreamJoinSide(thisSide);
    graph.addStreamJoinSide(otherSide);
    TransformNode output = new TransformNode(name, (k, v, out) -> out.emit(k, v));
    thisInput.node().addChild(thisSide);
    otherInput.node().addChild(otherSide);
    thisSide.addChild(output);
    otherSide.addChild(output);
    List<SourceNode> inputs = new ArrayList<>(KStreamImpl.upstreamSources(thisInput.node()));
    for (SourceNode s : KStreamImpl.upstreamSources(otherInput.node())) {
      if (!inputs.contains(s)) {
        inputs.add(s);
      }
    }
    graph.requireCoPartitioned(name, inputs);
    return new WindowJoinedKStreamImpl<>(graph, output, thisSide, otherSide);
  }

  private static <K, X> KStreamImpl<K, X> repartitionedIfKeyChanged(KStreamImpl<K, X> side, String name, String which,
      StreamJoinNode.Kind kind, Repartitioned<K, X> repartitioned) {
    if (!side.keyChanged()) {
      return side;
    }
    if (name == null) {
      throw new IllegalArgumentException("the " + which + " side of a stream-stream " + kind.name().toLowerCase()
          + " join comes after operator '" + side.node().name() + "', which may have changed the key, so it must be"
          + " repartitioned to meet the other side's records of a key in one task; name the join"
          + " (StreamJoined.as(\"...\").withName(\"...\")) to repartition it through <name>-" + which
          + "-repartition, or call repartition(Repartitioned.as(\"...\")) on that side first");
    }
    return (KStreamImpl<K, X>) side.repartition(repartitioned);
  }
}
