package io.strand.nexmark.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.nexmark.generator.AppendObserver;
import io.strand.nexmark.generator.EventGenerator;
import io.strand.nexmark.generator.GeneratorConfig;
import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.NexmarkTopics;
import io.strand.nexmark.model.Person;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.AuctionPrice;
import io.strand.nexmark.query.results.BidderSession;
import io.strand.nexmark.query.results.HighestBid;
import io.strand.nexmark.query.results.HotItem;
import io.strand.nexmark.query.results.LocalItem;
import io.strand.nexmark.query.results.NewUser;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The due-time rules on a real (small) generation whose appends a fake clock times: event n
 * appended at {@code 100 000 + n} ms, the k-th record of a topic to partition {@code k % 8};
 * end-of-input markers where a test says.
 */
class ResultTriggersTest {

  /** 10 000 events/s of event time at 10 000 events/s: ten events share each ms, as in the live runs. */
  private static final GeneratorConfig LIVE = new GeneratorConfig(20_000, 19, GeneratorConfig.DEFAULT_BASE_TIME_MS,
      100, 10_000);
  private static final long BASE = GeneratorConfig.DEFAULT_BASE_TIME_MS;
  private static final long LAG = NexmarkSemantics.WATERMARK_LAG_MS;

  private final AtomicLong clock = new AtomicLong();
  private final EventGenerator generator = new EventGenerator(LIVE);

  private InputAppends generated(GeneratorConfig config) {
    InputAppends appends = new InputAppends(config.events(), NexmarkTopics.all(), NexmarkTopics.PARTITIONS, clock::get);
    EventGenerator g = new EventGenerator(config);
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    for (long n = 0; n < config.events(); n++) {
      String topic = topicOf(g.event(n));
      clock.set(100_000 + n);
      appends.appended(n, topic, counts.merge(topic, 1, Integer::sum) % NexmarkTopics.PARTITIONS, config.timeOf(n));
    }
    return appends;
  }

  private void markers(InputAppends appends, long at) {
    for (String topic : NexmarkTopics.all()) {
      for (int p = 0; p < NexmarkTopics.PARTITIONS; p++) {
        clock.set(at + p);
        appends.appended(AppendObserver.END_MARKER, topic, p, Long.MAX_VALUE / 2);
      }
    }
  }

  /** A bid event that shares its ms with other bids (so the ms alone does not name it). */
  private long sharedMsBid() {
    for (long n = 1_005; ; n++) {
      if (generator.event(n) instanceof Bid b && generator.event(n - 1) instanceof Bid a
          && a.dateTime() == b.dateTime()) {
        return n;
      }
    }
  }

  @Test
  void q0IsDueAtItsOwnBidsAppend() {
    InputAppends appends = generated(LIVE);
    long n = sharedMsBid();
    Bid bid = (Bid) generator.event(n);
    assertEquals(100_000 + n, new ResultTriggers(Query.Q0, LIVE).dueMs(bid, appends));
    Bid other = new Bid(bid.auction(), bid.bidder(), bid.price() + 1, bid.channel(), bid.url(), bid.dateTime(),
        bid.extra());
    assertEquals(-1, new ResultTriggers(Query.Q0, LIVE).dueMs(other, appends), "no such bid");
  }

  @Test
  void q1MatchesTheConvertedPrice() {
    InputAppends appends = generated(LIVE);
    long n = sharedMsBid();
    Bid bid = (Bid) generator.event(n);
    Bid converted = new Bid(bid.auction(), bid.bidder(), NexmarkSemantics.toEuros(bid.price()), bid.channel(),
        bid.url(), bid.dateTime(), bid.extra());
    assertEquals(100_000 + n, new ResultTriggers(Query.Q1, LIVE).dueMs(converted, appends));
    if (NexmarkSemantics.toEuros(bid.price()) != bid.price()) {
      assertEquals(-1, new ResultTriggers(Query.Q1, LIVE).dueMs(bid, appends), "an unconverted price");
    }
  }

  @Test
  void q2IsFoundByAuctionAndPriceNotByAnyTimestamp() {
    InputAppends appends = generated(LIVE);
    long[] selected = LongStream.range(0, LIVE.events())
        .filter(n -> generator.event(n) instanceof Bid b && b.auction() % NexmarkSemantics.Q2_AUCTION_MODULUS == 0)
        .toArray();
    assertTrue(selected.length >= 2, "the generation selects bids");
    ResultTriggers triggers = new ResultTriggers(Query.Q2, LIVE);
    for (long n : selected) {
      Bid b = (Bid) generator.event(n);
      long due = triggers.dueMs(new AuctionPrice(b.auction(), b.price()), appends);
      assertTrue(due >= 100_000 + selected[0] && due <= 100_000 + n, "due at the append of a bid with that auction"
          + " and price (the earliest unmatched one): " + due + " for event " + n);
    }
    assertEquals(-1, triggers.dueMs(new AuctionPrice(123, -5), appends));
  }

  @Test
  void q2DuplicatesAreMatchedInEventOrder() {
    InputAppends appends = generated(LIVE);
    long n = LongStream.range(0, LIVE.events())
        .filter(i -> generator.event(i) instanceof Bid b && b.auction() % NexmarkSemantics.Q2_AUCTION_MODULUS == 0)
        .findFirst().orElseThrow();
    Bid b = (Bid) generator.event(n);
    ResultTriggers triggers = new ResultTriggers(Query.Q2, LIVE);
    AuctionPrice result = new AuctionPrice(b.auction(), b.price());
    assertEquals(100_000 + n, triggers.dueMs(result, appends));
    assertEquals(100_000 + n, triggers.dueMs(result, appends), "a repeated result (at-least-once) is its bid again");
  }

  @Test
  void q3IsDueWhenTheLaterOfAuctionAndSellerArrived() {
    InputAppends appends = generated(LIVE);
    ResultTriggers triggers = new ResultTriggers(Query.Q3, LIVE);
    long auctionEvent = LongStream.range(10_000, LIVE.events()).filter(i -> generator.event(i) instanceof Auction)
        .findFirst().orElseThrow();
    Auction a = (Auction) generator.event(auctionEvent);
    assertEquals(auctionEvent, triggers.auctionEvent(a.id()));
    long personEvent = triggers.personEvent(a.seller());
    assertTrue(personEvent >= 0, "the seller is in the generation");
    assertEquals(a.seller(), ((Person) generator.event(personEvent)).id());
    LocalItem result = new LocalItem("n", "c", "OR", a.id());
    assertEquals(100_000 + Math.max(auctionEvent, personEvent), triggers.dueMs(result, appends));
    clock.set(900_000);
    appends.appended(personEvent, NexmarkTopics.PERSON, 0, LIVE.timeOf(personEvent));
    assertEquals(900_000, triggers.dueMs(result, appends), "a seller appended later holds it back");
    assertEquals(-1, triggers.dueMs(new LocalItem("n", "c", "OR", 999_999_999), appends));
  }

  @Test
  void windowsAreDueWhenEveryPartitionPassesTheEndPlusTheLag() {
    GeneratorConfig slow = new GeneratorConfig(20_000, 19, BASE, 2_000, 500);  // 40 s of event time
    InputAppends appends = generated(slow);
    long end = BASE + 10_000;
    // Partition p first reaches end + lag with the first event n >= firstEventAt(end + lag) of topic bid with n % 8 == p.
    long expected = expectedDue(slow, List.of(NexmarkTopics.BID), end + LAG);
    assertEquals(expected, new ResultTriggers(Query.Q7, slow).dueMs(new HighestBid(1, 2, 3, BASE + 5, "", BASE, end),
        appends));
    assertEquals(expected, new ResultTriggers(Query.Q5, slow).dueMs(new HotItem(1, 2, end - 10_000, end), appends));
    assertTrue(expected >= 100_000 + slow.firstEventAt(end + LAG), "not before the first event past end + lag");
    assertTrue(expected < 100_000 + slow.firstEventAt(end + LAG) + 50 * 8, "within a few runs of 50 events of it");
    long q8 = expectedDue(slow, List.of(NexmarkTopics.PERSON, NexmarkTopics.AUCTION), end + LAG);
    assertEquals(q8, new ResultTriggers(Query.Q8, slow).dueMs(new NewUser(1, "x", BASE, end), appends));
    assertTrue(q8 > expected, "persons are sparse: their partitions pass the time later");
  }

  @Test
  void sessionsAreDueWhenEveryPartitionPassesTheLastBidPlusGapPlusLag() {
    GeneratorConfig slow = new GeneratorConfig(20_000, 19, BASE, 2_000, 500);
    InputAppends appends = generated(slow);
    long last = BASE + 7_000;
    long expected = expectedDue(slow, List.of(NexmarkTopics.BID), last + NexmarkSemantics.Q11_GAP_MS + LAG);
    assertEquals(expected, new ResultTriggers(Query.Q11, slow).dueMs(new BidderSession(5, 3, BASE + 1, last),
        appends));
  }

  @Test
  void theLastWindowsAreClosedByTheEndMarkers() {
    // The session-10 anomaly: results closed by the markers were "due" at an event beyond the
    // generation, so they looked early (latency 0).
    InputAppends appends = generated(LIVE);  // 2 s of event time
    ResultTriggers q7 = new ResultTriggers(Query.Q7, LIVE);
    HighestBid result = new HighestBid(1, 2, 3, BASE + 5, "", BASE, BASE + 10_000);
    assertEquals(-1, q7.dueMs(result, appends), "not due before the markers");
    markers(appends, 500_000);
    assertEquals(500_000 + NexmarkTopics.PARTITIONS - 1, q7.dueMs(result, appends), "the last bid partition's marker");
    assertEquals(500_000 + NexmarkTopics.PARTITIONS - 1, new ResultTriggers(Query.Q11, LIVE)
        .dueMs(new BidderSession(5, 3, BASE + 1, BASE + 1_500), appends));
  }

  @Test
  void q4HasNoRule() {
    assertThrows(IllegalArgumentException.class, () -> new ResultTriggers(Query.Q4, LIVE));
  }

  private static String topicOf(Event e) {
    return e instanceof Person ? NexmarkTopics.PERSON : e instanceof Auction ? NexmarkTopics.AUCTION : NexmarkTopics.BID;
  }

  /** Independently of the rule's code: per partition the first event of the topic at or after t. */
  private long expectedDue(GeneratorConfig config, List<String> topics, long t) {
    EventGenerator g = new EventGenerator(config);
    long due = -1;
    for (String topic : topics) {
      long[] first = new long[NexmarkTopics.PARTITIONS];
      java.util.Arrays.fill(first, -1);
      int k = 0;
      for (long n = 0; n < config.events(); n++) {
        if (topicOf(g.event(n)).equals(topic)) {
          int p = ++k % NexmarkTopics.PARTITIONS;
          if (first[p] < 0 && config.timeOf(n) >= t) {
            first[p] = n;
          }
        }
      }
      for (int p = 0; p < NexmarkTopics.PARTITIONS; p++) {
        assertTrue(first[p] >= 0, "partition " + p + " of " + topic + " reaches " + t);
        due = Math.max(due, 100_000 + first[p]);
      }
    }
    return due;
  }
}
