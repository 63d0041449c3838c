package io.strand.nexmark.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An item put up for auction (Nexmark's {@code Auction}; topic {@code nexmark-auction}, keyed by
 * {@link #id}).
 *
 * @param id the auction id (from 1000 up; -1 in an end-of-input marker)
 * @param itemName the item's name
 * @param description the item's description
 * @param initialBid the opening price, in cents
 * @param reserve the reserve price, in cents (at least {@code initialBid})
 * @param dateTime when the auction opened, ms since the epoch
 * @param expires when the auction closes, ms since the epoch (after {@code dateTime})
 * @param seller the selling person's id
 * @param category the category id, 10 to 14
 * @param extra padding towards the standard average event size
 */
public record Auction(long id, String itemName, String description, long initialBid, long reserve, long dateTime,
    long expires, long seller, long category, String extra) implements Event {

  /**
   * The end-of-input marker of the auction topic.
   *
   * @param dateTime its event time, ms
   * @return the marker
   */
  public static Auction endMarker(long dateTime) {
    return new Auction(END_MARKER_ID, "", "", 0, 0, dateTime, dateTime, END_MARKER_ID, END_MARKER_ID,
        END_MARKER_EXTRA);
  }

  @JsonIgnore
  @Override
  public boolean isEndMarker() {
    return id == END_MARKER_ID;
  }
}
