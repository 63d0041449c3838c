package io.strand.nexmark.engine;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.Person;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the worker JVM's engine has read: every engine calls {@link #keep} once per input record
 * right after decoding it. Counts end-of-input markers per topic and remembers when the first
 * record and the last marker were read. Static (one engine per worker JVM); thread-safe.
 */
public final class EndOfInput {

  private static final AtomicLong FIRST_NANOS = new AtomicLong();
  private static final AtomicLong LAST_MARKER_NANOS = new AtomicLong();
  private static final LongAdder PERSON_MARKERS = new LongAdder();
  private static final LongAdder AUCTION_MARKERS = new LongAdder();
  private static final LongAdder BID_MARKERS = new LongAdder();
  private static volatile boolean started;

  private EndOfInput() {
  }

  /**
   * Notes an input record.
   *
   * @param event the decoded record
   * @return false for an end-of-input marker (drop it; it has advanced event time), true for an event
   */
  public static boolean keep(Event event) {
    if (!started) {
      started = true;
      FIRST_NANOS.compareAndSet(0, System.nanoTime());
    }
    if (!event.isEndMarker()) {
      return true;
    }
    if (event instanceof Person) {
      PERSON_MARKERS.increment();
    } else if (event instanceof Auction) {
      AUCTION_MARKERS.increment();
    } else if (event instanceof Bid) {
      BID_MARKERS.increment();
    }
    LAST_MARKER_NANOS.set(System.nanoTime());
    return false;
  }

  /**
   * Markers read from a topic.
   *
   * @param topic one of the input topics
   * @return how many
   */
  public static long markers(String topic) {
    return switch (topic) {
      case io.strand.nexmark.model.NexmarkTopics.PERSON -> PERSON_MARKERS.sum();
      case io.strand.nexmark.model.NexmarkTopics.AUCTION -> AUCTION_MARKERS.sum();
      case io.strand.nexmark.model.NexmarkTopics.BID -> BID_MARKERS.sum();
      default -> throw new IllegalArgumentException("not a Nexmark input topic: " + topic);
    };
  }

  /**
   * When the first record was read.
   *
   * @return {@link System#nanoTime()} then, or 0 before
   */
  public static long firstNanos() {
    return FIRST_NANOS.get();
  }

  /**
   * When the last marker was read.
   *
   * @return {@link System#nanoTime()} then, or 0 before
   */
  public static long lastMarkerNanos() {
    return LAST_MARKER_NANOS.get();
  }

  /**
   * Forgets everything read, for a further run in the same JVM (tests); not while an engine runs.
   */
  public static void reset() {
    started = false;
    FIRST_NANOS.set(0);
    LAST_MARKER_NANOS.set(0);
    PERSON_MARKERS.reset();
    AUCTION_MARKERS.reset();
    BID_MARKERS.reset();
  }
}
