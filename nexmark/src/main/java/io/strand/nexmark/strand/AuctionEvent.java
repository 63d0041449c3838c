package io.strand.nexmark.strand;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;

/**
 * Q4's input per auction id: an auction or one of its bids (exactly one is set), so both topics
 * merge into one stream keyed by auction id.
 *
 * @param auction the auction, or null
 * @param bid the bid, or null
 */
public record AuctionEvent(Auction auction, Bid bid) {
}
