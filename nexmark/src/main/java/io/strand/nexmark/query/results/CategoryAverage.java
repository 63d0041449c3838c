package io.strand.nexmark.query.results;

/**
 * Q4's result: the average closing price of a category's auctions.
 *
 * @param category the category id
 * @param auctions auctions of the category that have a closing price
 * @param sum the sum of their closing prices, cents
 * @param average {@code (double) sum / auctions}, computed exactly so, cents
 */
public record CategoryAverage(long category, long auctions, long sum, double average) {

  /**
   * The result for a count and sum.
   *
   * @param category the category
   * @param auctions the count, at least 1
   * @param sum the sum
   * @return the result with its average
   */
  public static CategoryAverage of(long category, long auctions, long sum) {
    return new CategoryAverage(category, auctions, sum, (double) sum / auctions);
  }
}
