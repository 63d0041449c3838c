package io.strand.nexmark.query.results;

/**
 * Q11's result: one session of a bidder's bids.
 *
 * @param bidder the bidder
 * @param bidCount bids in the session
 * @param windowStart the session's first bid time, ms since the epoch
 * @param windowEnd the session's last bid time, ms since the epoch (inclusive; Flink's session
 *     window end minus the gap)
 */
public record BidderSession(long bidder, long bidCount, long windowStart, long windowEnd) {
}
