package io.strand.nexmark.strand;

import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.AuctionPrice;
import io.strand.streams.Produced;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamGraph;

/** {@link Query#Q2} on Strand's streams API: the bids on every 123rd auction. */
public final class Q2Selection implements StreamApplication {

  /** Created by the config loader. */
  public Q2Selection() {
  }

  @Override
  public void describe(StreamGraph graph) {
    Sources.bids(graph)
        .filter((k, b) -> b.auction() % NexmarkSemantics.Q2_AUCTION_MODULUS == 0)
        .mapValues(b -> new AuctionPrice(b.auction(), b.price()))
        .to(Sources.output(graph, Query.Q2), Produced.with(NexmarkSerdes.KEY, NexmarkSerdes.json(AuctionPrice.class)));
  }
}
