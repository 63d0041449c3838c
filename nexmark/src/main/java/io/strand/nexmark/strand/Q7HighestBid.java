package io.strand.nexmark.strand;

import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.HighestBid;
import io.strand.streams.Grouped;
import io.strand.streams.KeyValue;
import io.strand.streams.Materialized;
import io.strand.streams.Produced;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamGraph;
import io.strand.streams.TimeWindows;
import java.time.Duration;

/**
 * {@link Query#Q7} on Strand's streams API, in two steps. Where the bids are (keyed by auction:
 * no repartition), each task passes on only the bids at or above the highest price it has seen in
 * their tumbling 10 s window ({@link WindowLeadersFilter}), keyed by the window's start; through
 * one repartition, a tumbling-window aggregate keeps the highest price and its ties per window,
 * final once every upstream task's watermark passed the end. The first step keeps no per-auction
 * state: a per-auction windowed aggregate (up to session 13) held one store entry per auction and
 * window, the young generation's largest survivor and most of the task's store work, for results
 * that only need each window's highest price.
 *
 * <p>The plan is the same in all three engines: Flink's q7 has the same per-subtask step
 * ({@code Q7WindowLeaders}) chained to its source, Kafka Streams' the same per-task step
 * ({@code kstreams.WindowLeadersFilter}) before its exchange; only the candidates cross the
 * repartition.
 */
public final class Q7HighestBid implements StreamApplication {

  /** Created by the config loader. */
  public Q7HighestBid() {
  }

  @Override
  public void describe(StreamGraph graph) {
    Duration window = Duration.ofMillis(NexmarkSemantics.Q7_WINDOW_MS);
    Sources.bids(graph)
        .process(() -> new WindowLeadersFilter(NexmarkSemantics.Q7_WINDOW_MS))
        .groupByKey(new Grouped<>("q7-by-window", NexmarkSerdes.KEY, NexmarkSerdes.binary(HighestBids.class)))
        .windowedBy(TimeWindows.ofSizeWithNoGrace(window))
        .aggregate(() -> HighestBids.NONE, (start, candidate, leaders) -> leaders.merge(candidate),
            Materialized.<String, HighestBids>as("q7-leaders").withSerdes(NexmarkSerdes.KEY,
                NexmarkSerdes.binary(HighestBids.class)))
        .flatMap((w, leaders) -> leaders.bids().stream()
            .map(b -> KeyValue.pair(Long.toString(b.auction()), b)).toList())
        .to(Sources.output(graph, Query.Q7), Produced.with(NexmarkSerdes.KEY, NexmarkSerdes.json(HighestBid.class)));
  }
}
