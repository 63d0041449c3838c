package io.strand.nexmark.strand;

import io.strand.nexmark.model.Bid;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.Query;
import io.strand.streams.Produced;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamGraph;

/** {@link Query#Q1} on Strand's streams API: every bid with its price in euros. */
public final class Q1CurrencyConversion implements StreamApplication {

  /** Created by the config loader. */
  public Q1CurrencyConversion() {
  }

  @Override
  public void describe(StreamGraph graph) {
    Sources.bids(graph)
        .mapValues(b -> new Bid(b.auction(), b.bidder(), NexmarkSemantics.toEuros(b.price()), b.channel(), b.url(),
            b.dateTime(), b.extra()))
        .to(Sources.output(graph, Query.Q1), Produced.with(NexmarkSerdes.KEY, NexmarkSerdes.json(Bid.class)));
  }
}
