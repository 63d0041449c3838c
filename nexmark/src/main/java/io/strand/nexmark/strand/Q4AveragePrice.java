package io.strand.nexmark.strand;

import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.CategoryAverage;
import io.strand.streams.Grouped;
import io.strand.streams.KStream;
import io.strand.streams.KeyValue;
import io.strand.streams.Materialized;
import io.strand.streams.Produced;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamGraph;

/**
 * {@link Query#Q4} on Strand's streams API. Auctions and bids are both keyed by auction id (so
 * co-partitioned): merged into one stream, they are aggregated per auction into its
 * {@link AuctionPrice} whatever the arrival order (Kafka Streams' version cogroups them the same
 * way), a bid counting when its time is in the auction's {@code [dateTime, expires]}. Each update
 * carries the rise of the auction's closing price, so the per-category sum is the plain sum of
 * the rises, in any order, and the last update per category is the final average whatever the
 * interleaving.
 */
public final class Q4AveragePrice implements StreamApplication {

  /** Created by the config loader. */
  public Q4AveragePrice() {
  }

  @Override
  public void describe(StreamGraph graph) {
    KStream<String, AuctionEvent> auctions = Sources.auctions(graph).mapValues(a -> new AuctionEvent(a, null));
    KStream<String, AuctionEvent> bids = Sources.bids(graph).mapValues(b -> new AuctionEvent(null, b));
    auctions.merge(bids)
        .groupByKey(Grouped.with(NexmarkSerdes.KEY, NexmarkSerdes.json(AuctionEvent.class)))
        .aggregate(AuctionPrice::empty, (auction, event, state) -> state.with(event),
            Materialized.<String, AuctionPrice>as("q4-auctions").withSerdes(NexmarkSerdes.KEY,
                NexmarkSerdes.json(AuctionPrice.class)))
        .filter((auction, state) -> state.changesCategory())
        .groupBy((auction, state) -> Long.toString(state.category()),
            new Grouped<>("q4-by-category", NexmarkSerdes.KEY, NexmarkSerdes.json(AuctionPrice.class)))
        .aggregate(() -> new CategorySum(0, 0),
            (category, state, sum) -> new CategorySum(sum.auctions() + (state.first() ? 1 : 0),
                sum.sum() + state.delta()),
            Materialized.<String, CategorySum>as("q4-categories").withSerdes(NexmarkSerdes.KEY,
                NexmarkSerdes.json(CategorySum.class)))
        .map((category, sum) -> KeyValue.pair(category,
            CategoryAverage.of(Long.parseLong(category), sum.auctions(), sum.sum())))
        .to(Sources.output(graph, Query.Q4), Produced.with(NexmarkSerdes.KEY, NexmarkSerdes.json(CategoryAverage.class)));
  }
}
