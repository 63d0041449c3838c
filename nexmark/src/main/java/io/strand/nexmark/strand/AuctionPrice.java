package io.strand.nexmark.strand;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import java.util.ArrayList;
import java.util.List;

/**
 * Q4's state of one auction, whichever of its auction and bids comes first: the auction once
 * seen, its closing price so far (the highest price of the bids within its lifetime), the bids
 * that came before the auction did (kept only until it comes: whether they count depends on its
 * times), and how the last update changed the category's total.
 *
 * @param known whether the auction has been seen
 * @param dateTime the auction's opening time, ms (when known)
 * @param expires its closing time, ms (when known)
 * @param category its category (when known)
 * @param price its closing price so far, cents, or -1 for none
 * @param delta by how much the last update raised the closing price (the whole price when it gave
 *     the auction its first), cents; 0 when it changed nothing the category sees
 * @param first whether the last update gave the auction its first closing price (the category
 *     gains an auction)
 * @param early bids seen before the auction, as {time, price} pairs (empty once known)
 */
public record AuctionPrice(boolean known, long dateTime, long expires, long category, long price, long delta,
    boolean first, List<long[]> early) {

  /** The state before anything of the auction was seen. */
  static AuctionPrice empty() {
    return new AuctionPrice(false, 0, 0, 0, -1, 0, false, List.of());
  }

  /**
   * The state after one more event of the auction.
   *
   * @param event the auction or one of its bids
   * @return the new state
   */
  AuctionPrice with(AuctionEvent event) {
    return event.auction() != null ? withAuction(event.auction()) : withBid(event.bid());
  }

  private AuctionPrice withAuction(Auction a) {
    long max = -1;
    for (long[] bid : early) {
      if (bid[0] >= a.dateTime() && bid[0] <= a.expires()) {
        max = Math.max(max, bid[1]);
      }
    }
    return new AuctionPrice(true, a.dateTime(), a.expires(), a.category(), max, Math.max(max, 0), max >= 0, List.of());
  }

  private AuctionPrice withBid(Bid b) {
    if (!known) {
      List<long[]> more = new ArrayList<>(early.size() + 1);
      more.addAll(early);
      more.add(new long[] {b.dateTime(), b.price()});
      return new AuctionPrice(false, 0, 0, 0, -1, 0, false, more);
    }
    if (b.dateTime() < dateTime || b.dateTime() > expires || b.price() <= price) {
      return delta == 0 && !first ? this : new AuctionPrice(true, dateTime, expires, category, price, 0, false, early);
    }
    return new AuctionPrice(true, dateTime, expires, category, b.price(), price < 0 ? b.price() : b.price() - price,
        price < 0, early);
  }

  /** @return whether the last update changed the category's count or sum */
  boolean changesCategory() {
    return first || delta != 0;
  }
}
