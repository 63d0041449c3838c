package io.strand.nexmark.model;

import java.util.List;

/**
 * The input topics every engine reads. Each has {@link #PARTITIONS} partitions, is keyed by the
 * decimal string of an id ({@link NexmarkJson#key(long)}) and partitioned by Kafka's default
 * partitioner (murmur2 of the key bytes), holds JSON values, and carries the event's
 * {@code dateTime} as the Kafka record timestamp. Within a partition event time never decreases.
 * Topics are created with {@code retention.ms=-1}: the generator's event times may lie far in the
 * past and must not be deleted by time-based retention.
 */
public final class NexmarkTopics {

  /** Persons, keyed by person id. */
  public static final String PERSON = "nexmark-person";
  /** Auctions, keyed by auction id. */
  public static final String AUCTION = "nexmark-auction";
  /** Bids, keyed by auction id. */
  public static final String BID = "nexmark-bid";
  /** Partitions of each input topic (and of each output topic the harness creates). */
  public static final int PARTITIONS = 8;

  private NexmarkTopics() {
  }

  /**
   * All three input topics.
   *
   * @return person, auction, bid
   */
  public static List<String> all() {
    return List.of(PERSON, AUCTION, BID);
  }
}
