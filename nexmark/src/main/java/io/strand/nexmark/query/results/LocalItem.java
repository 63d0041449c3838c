package io.strand.nexmark.query.results;

/**
 * Q3's result: an auction of category 10 whose seller lives in OR, ID or CA.
 *
 * @param name the seller's name
 * @param city the seller's city
 * @param state the seller's state
 * @param id the auction id
 */
public record LocalItem(String name, String city, String state, long id) {
}
