package io.strand.nexmark.strand;

/**
 * Q4's running closing price of one auction, and how its last update changed the category's sum.
 *
 * @param category the auction's category
 * @param price the highest in-time bid so far, cents
 * @param delta by how much this update raised it (the whole price for the first bid), cents
 * @param first whether this update is the auction's first bid (the category gains an auction)
 */
public record ClosingPrice(long category, long price, long delta, boolean first) {

  /**
   * The state after one more in-time bid.
   *
   * @param previous the state before, or null for none
   * @param category the auction's category
   * @param bidPrice the bid's price
   * @return the new state
   */
  static ClosingPrice next(ClosingPrice previous, long category, long bidPrice) {
    if (previous == null) {
      return new ClosingPrice(category, bidPrice, bidPrice, true);
    }
    return bidPrice > previous.price()
        ? new ClosingPrice(category, bidPrice, bidPrice - previous.price(), false)
        : new ClosingPrice(category, previous.price(), 0, false);
  }
}
