package io.strand.nexmark.kstreams;

import static io.strand.nexmark.kstreams.KStreamsTopologies.bids;
import static io.strand.nexmark.kstreams.KStreamsTopologies.output;

import io.strand.nexmark.model.Bid;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.AuctionPrice;
import org.apache.kafka.streams.StreamsBuilder;

/** Q0 to Q2: stateless, one record in at most one out, keys (auction ids) unchanged. */
final class SelectionQueries {

  private SelectionQueries() {
  }

  /** Q0, pass-through: every bid. */
  static void q0(StreamsBuilder builder) {
    output(bids(builder).filterNot((k, bid) -> bid.isEndMarker()), Query.Q0, Bid.class);
  }

  /** Q1, currency conversion: every bid with its price in euros. */
  static void q1(StreamsBuilder builder) {
    output(bids(builder).filterNot((k, bid) -> bid.isEndMarker())
        .mapValues(b -> new Bid(b.auction(), b.bidder(), NexmarkSemantics.toEuros(b.price()), b.channel(), b.url(),
            b.dateTime(), b.extra())), Query.Q1, Bid.class);
  }

  /** Q2, selection: the bids on every 123rd auction. */
  static void q2(StreamsBuilder builder) {
    output(bids(builder).filter((k, b) -> !b.isEndMarker() && b.auction() % NexmarkSemantics.Q2_AUCTION_MODULUS == 0)
        .mapValues(b -> new AuctionPrice(b.auction(), b.price())), Query.Q2, AuctionPrice.class);
  }
}
