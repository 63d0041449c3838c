package io.strand.nexmark.query;

import java.util.Set;

/**
 * The constants of {@link Query}'s semantics, shared by every engine's implementation.
 */
public final class NexmarkSemantics {

  /** Watermark = highest event time seen in a partition minus this, ms (Kafka Streams: the grace). */
  public static final long WATERMARK_LAG_MS = 2_000;
  /** Records behind the watermark by more than this are dropped, ms (none are, by construction). */
  public static final long ALLOWED_LATENESS_MS = 0;

  /** Q1: euros per 1000 dollars. */
  public static final long Q1_RATE_PER_MILLE = 908;
  /** Q2: bids whose auction id is a multiple of this are selected. */
  public static final long Q2_AUCTION_MODULUS = 123;
  /** Q3: the sellers' states. */
  public static final Set<String> Q3_STATES = Set.of("OR", "ID", "CA");
  /** Q3: the auctions' category. */
  public static final long Q3_CATEGORY = 10;
  /** Q5: hopping window size, ms. */
  public static final long Q5_WINDOW_MS = 10_000;
  /** Q5: hopping window advance, ms. */
  public static final long Q5_ADVANCE_MS = 2_000;
  /** Q7: tumbling window size, ms. */
  public static final long Q7_WINDOW_MS = 10_000;
  /** Q8: tumbling window size, ms. */
  public static final long Q8_WINDOW_MS = 10_000;
  /** Q11: session inactivity gap, ms. */
  public static final long Q11_GAP_MS = 10_000;

  private NexmarkSemantics() {
  }

  /**
   * Q1's conversion.
   *
   * @param dollars a price in dollar cents, not negative
   * @return in euro cents, rounded half up
   */
  public static long toEuros(long dollars) {
    return (dollars * Q1_RATE_PER_MILLE + 500) / 1000;
  }
}
