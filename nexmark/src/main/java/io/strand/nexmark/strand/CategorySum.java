package io.strand.nexmark.strand;

/**
 * Q4's per-category aggregate.
 *
 * @param auctions auctions with a closing price
 * @param sum the sum of their closing prices, cents
 */
public record CategorySum(long auctions, long sum) {
}
