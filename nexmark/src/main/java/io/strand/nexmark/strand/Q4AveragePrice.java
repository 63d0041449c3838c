package io.strand.nexmark.strand;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.CategoryAverage;
import io.strand.streams.Grouped;
import io.strand.streams.JoinWindows;
import io.strand.streams.KeyValue;
import io.strand.streams.Materialized;
import io.strand.streams.Produced;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamGraph;
import io.strand.streams.StreamJoined;
import java.time.Duration;

/**
 * {@link Query#Q4} on Strand's streams API. Auctions and bids (both keyed by auction id, so
 * co-partitioned) meet in a windowed stream-stream join: a bid joins an auction when its time is
 * in {@code [dateTime, dateTime + longest auction]}, and is kept when it is not after the auction's
 * {@code expires}. Per auction a running maximum ({@link ClosingPrice}) carries each update's rise,
 * so the per-category sum is the plain sum of the rises, in any order, and the last update per
 * category is the final average whatever the interleaving.
 */
public final class Q4AveragePrice implements StreamApplication {

  /** Created by the config loader. */
  public Q4AveragePrice() {
  }

  @Override
  public void describe(StreamGraph graph) {
    long longest = graph.config().getLong(Sources.MAX_AUCTION_DURATION_MS, 0);
    if (longest <= 0) {
      throw new IllegalArgumentException(Sources.MAX_AUCTION_DURATION_MS
          + " must name the generation's longest auction (ms, > 0), got " + longest);
    }
    Sources.auctions(graph)
        .join(Sources.bids(graph),
            (Auction a, Bid b) -> b.dateTime() <= a.expires() ? new ClosingPrice(a.category(), b.price(), 0, false) : null,
            JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(longest)).before(Duration.ZERO),
            StreamJoined.with(NexmarkSerdes.KEY, NexmarkSerdes.json(Auction.class), NexmarkSerdes.json(Bid.class))
                .withStoreName("q4-join"))
        .filter((auction, candidate) -> candidate != null)
        .groupByKey(Grouped.with(NexmarkSerdes.KEY, NexmarkSerdes.json(ClosingPrice.class)))
        .aggregate(() -> null, (auction, candidate, state) -> ClosingPrice.next(state, candidate.category(), candidate.price()),
            Materialized.<String, ClosingPrice>as("q4-closing").withSerdes(NexmarkSerdes.KEY,
                NexmarkSerdes.json(ClosingPrice.class)))
        .filter((auction, closing) -> closing.first() || closing.delta() != 0)
        .groupBy((auction, closing) -> Long.toString(closing.category()),
            new Grouped<>("q4-by-category", NexmarkSerdes.KEY, NexmarkSerdes.json(ClosingPrice.class)))
        .aggregate(() -> new CategorySum(0, 0),
            (category, closing, sum) -> new CategorySum(sum.auctions() + (closing.first() ? 1 : 0),
                sum.sum() + closing.delta()),
            Materialized.<String, CategorySum>as("q4-categories").withSerdes(NexmarkSerdes.KEY,
                NexmarkSerdes.json(CategorySum.class)))
        .map((category, sum) -> KeyValue.pair(category,
            CategoryAverage.of(Long.parseLong(category), sum.auctions(), sum.sum())))
        .to(Sources.output(graph, Query.Q4), Produced.with(NexmarkSerdes.KEY, NexmarkSerdes.json(CategoryAverage.class)));
  }
}
