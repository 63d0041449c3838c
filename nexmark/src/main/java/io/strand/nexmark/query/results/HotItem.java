package io.strand.nexmark.query.results;

/**
 * Q5's result: an auction with the most bids in a hopping window.
 *
 * @param auction the auction id
 * @param num its bids in the window (the window's maximum)
 * @param windowStart the window's start, ms since the epoch, inclusive
 * @param windowEnd the window's end, ms since the epoch, exclusive
 */
public record HotItem(long auction, long num, long windowStart, long windowEnd) {
}
