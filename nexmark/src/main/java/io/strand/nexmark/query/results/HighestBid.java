package io.strand.nexmark.query.results;

/**
 * Q7's result: a bid with the highest price in a tumbling window.
 *
 * @param auction the bid's auction
 * @param price its price (the window's maximum), cents
 * @param bidder its bidder
 * @param dateTime its event time, ms since the epoch
 * @param extra its extra field
 * @param windowStart the window's start, ms since the epoch, inclusive
 * @param windowEnd the window's end, ms since the epoch, exclusive
 */
public record HighestBid(long auction, long price, long bidder, long dateTime, String extra, long windowStart,
    long windowEnd) {
}
