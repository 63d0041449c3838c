package io.strand.nexmark.model;

/**
 * One Nexmark event: a {@link Person}, an {@link Auction} or a {@link Bid}, each immutable.
 *
 * <p>An event whose id fields are all {@link #END_MARKER_ID} is the end-of-input marker the
 * generator writes once per partition after the last event ({@link #isEndMarker()}); see
 * {@code io.strand.nexmark.query.Query} for what engines do with it.
 */
public sealed interface Event permits Person, Auction, Bid {

  /** The id every id field of an end-of-input marker carries. */
  long END_MARKER_ID = -1L;

  /** The {@code extra} field of an end-of-input marker. */
  String END_MARKER_EXTRA = "nexmark-end-of-input";

  /**
   * The event time.
   *
   * @return ms since the epoch
   */
  long dateTime();

  /**
   * Whether this is the end-of-input marker, not an event: it only advances event time.
   *
   * @return true for the marker
   */
  boolean isEndMarker();
}
