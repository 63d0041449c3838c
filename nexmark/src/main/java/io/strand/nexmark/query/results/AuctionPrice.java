package io.strand.nexmark.query.results;

/**
 * Q2's result: a selected bid's auction and price.
 *
 * @param auction the auction id
 * @param price the bid price, cents
 */
public record AuctionPrice(long auction, long price) {
}
