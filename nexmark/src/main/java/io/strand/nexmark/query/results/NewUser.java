package io.strand.nexmark.query.results;

/**
 * Q8's result: a person who opened an auction in the tumbling window in which they registered.
 *
 * @param id the person id
 * @param name the person's name
 * @param windowStart the window's start, ms since the epoch, inclusive
 * @param windowEnd the window's end, ms since the epoch, exclusive
 */
public record NewUser(long id, String name, long windowStart, long windowEnd) {
}
