package io.strand.nexmark.strand;

import io.strand.nexmark.model.Bid;
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
import java.util.List;

/**
 * {@link Query#Q7} on Strand's streams API, in two windowed steps (as {@link Q5HotItems}): the
 * highest bids per auction per tumbling 10 s window where the bids are (keyed by auction: no
 * repartition), then those, keyed by window start, through one repartition into the same
 * tumbling windows, whose leaders are final once every upstream task's watermark passed the end.
 */
public final class Q7HighestBid implements StreamApplication {

  /** Created by the config loader. */
  public Q7HighestBid() {
  }

  @Override
  public void describe(StreamGraph graph) {
    Duration window = Duration.ofMillis(NexmarkSemantics.Q7_WINDOW_MS);
    Sources.bids(graph)
        .groupByKey(Grouped.with(NexmarkSerdes.KEY, NexmarkSerdes.json(Bid.class)))
        .windowedBy(TimeWindows.ofSizeWithNoGrace(window))
        .aggregate(() -> HighestBids.NONE, (auction, b, leaders) -> leaders.add(b),
            Materialized.<String, HighestBids>as("q7-per-auction").withSerdes(NexmarkSerdes.KEY,
                NexmarkSerdes.binary(HighestBids.class)))
        .map((w, leaders) -> KeyValue.pair(Long.toString(w.window().startMs()), new HighestBids(leaders.price(),
            leaders.bids().stream().map(b -> new HighestBid(b.auction(), b.price(), b.bidder(), b.dateTime(),
                b.extra(), w.window().startMs(), w.window().endMs())).toList())))
        .groupByKey(new Grouped<>("q7-by-window", NexmarkSerdes.KEY, NexmarkSerdes.binary(HighestBids.class)))
        .windowedBy(TimeWindows.ofSizeWithNoGrace(window))
        .aggregate(() -> HighestBids.NONE, (start, perAuction, leaders) -> leaders.merge(perAuction),
            Materialized.<String, HighestBids>as("q7-leaders").withSerdes(NexmarkSerdes.KEY,
                NexmarkSerdes.binary(HighestBids.class)))
        .flatMap((w, leaders) -> leaders.bids().stream()
            .map(b -> KeyValue.pair(Long.toString(b.auction()), b)).toList())
        .to(Sources.output(graph, Query.Q7), Produced.with(NexmarkSerdes.KEY, NexmarkSerdes.json(HighestBid.class)));
  }
}
