package io.strand.nexmark.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A bid on an auction (Nexmark's {@code Bid}; topic {@code nexmark-bid}, keyed by {@link #auction}).
 *
 * @param auction the auction's id (-1 in an end-of-input marker)
 * @param bidder the bidding person's id
 * @param price the bid, in cents
 * @param channel where the bid came from ("Google", "Facebook", "Baidu", "Apple" or "channel-N")
 * @param url the bid's URL
 * @param dateTime when the bid was placed, ms since the epoch
 * @param extra padding towards the standard average event size
 */
public record Bid(long auction, long bidder, long price, String channel, String url, long dateTime, String extra)
    implements Event {

  /**
   * The end-of-input marker of the bid topic.
   *
   * @param dateTime its event time, ms
   * @return the marker
   */
  public static Bid endMarker(long dateTime) {
    return new Bid(END_MARKER_ID, END_MARKER_ID, 0, "", "", dateTime, END_MARKER_EXTRA);
  }

  @JsonIgnore
  @Override
  public boolean isEndMarker() {
    return auction == END_MARKER_ID;
  }
}
