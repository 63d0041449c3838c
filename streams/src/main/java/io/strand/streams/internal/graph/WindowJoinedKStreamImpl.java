package io.strand.streams.internal.graph;

import io.strand.streams.KStream;
import io.strand.streams.WindowJoinedKStream;

/**
 * The output of a windowed stream-stream join: a {@link KStreamImpl} of the join's output node,
 * plus its two sides' late side outputs.
 *
 * @param <K> the key type
 * @param <V> this stream's value type
 * @param <VO> the other stream's value type
 * @param <VR> the joined value type
 */
final class WindowJoinedKStreamImpl<K, V, VO, VR> extends KStreamImpl<K, VR>
    implements WindowJoinedKStream<K, V, VO, VR> {

  private final GraphBuilder graph;
  private final StreamJoinNode thisSide;
  private final StreamJoinNode otherSide;

  WindowJoinedKStreamImpl(GraphBuilder graph, Node output, StreamJoinNode thisSide, StreamJoinNode otherSide) {
    super(graph, output, false);
    this.graph = graph;
    this.thisSide = thisSide;
    this.otherSide = otherSide;
  }

  @Override
  public KStream<K, V> lateRecords() {
    return new KStreamImpl<>(graph, thisSide.lateOutputCreated(), false);
  }

  @Override
  public KStream<K, VO> otherLateRecords() {
    return new KStreamImpl<>(graph, otherSide.lateOutputCreated(), false);
  }
}
