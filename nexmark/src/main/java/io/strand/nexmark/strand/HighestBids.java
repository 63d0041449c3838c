package io.strand.nexmark.strand;

import io.strand.nexmark.model.Bid;
import io.strand.nexmark.query.results.HighestBid;
import java.util.ArrayList;
import java.util.List;

/**
 * Q7's aggregate per window: the highest price and every bid with it.
 *
 * @param price the highest price, cents
 * @param bids the bids with that price
 */
public record HighestBids(long price, List<HighestBid> bids) {

  /** No bid yet. */
  static final HighestBids NONE = new HighestBids(-1, List.of());

  /**
   * This aggregate with one more bid: compares the price first, as Flink's query's accumulator
   * does, so a bid below the highest costs no allocation.
   *
   * @param bid the bid
   * @return the leaders with it
   */
  HighestBids add(Bid bid) {
    if (bid.price() < price) {
      return this;
    }
    HighestBid leader = new HighestBid(bid.auction(), bid.price(), bid.bidder(), bid.dateTime(), bid.extra(), 0, 0);
    if (bid.price() > price) {
      return new HighestBids(bid.price(), List.of(leader));
    }
    List<HighestBid> all = new ArrayList<>(bids.size() + 1);
    all.addAll(bids);
    all.add(leader);
    return new HighestBids(price, all);
  }

  /**
   * This aggregate with another's leaders merged in.
   *
   * @param other another aggregate
   * @return the leaders of both
   */
  HighestBids merge(HighestBids other) {
    if (other.price > price) {
      return other;
    }
    if (other.price < price) {
      return this;
    }
    List<HighestBid> all = new ArrayList<>(bids);
    all.addAll(other.bids);
    return new HighestBids(price, all);
  }
}
