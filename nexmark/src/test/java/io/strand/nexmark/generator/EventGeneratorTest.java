package io.strand.nexmark.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.NexmarkJson;
import io.strand.nexmark.model.Person;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {

  private final GeneratorConfig config = GeneratorConfig.of(50_000, 7);
  private final EventGenerator generator = new EventGenerator(config);

  @Test
  void mixIdsAndTimesFollowTheStandard() {
    Set<Long> persons = new HashSet<>();
    Set<Long> auctions = new HashSet<>();
    int[] kinds = new int[3];
    long bidsOnKnownAuctions = 0;
    long bidsByKnownBidders = 0;
    long lastTime = Long.MIN_VALUE;
    for (long n = 0; n < config.events(); n++) {
      Event e = generator.event(n);
      assertTrue(e.dateTime() >= lastTime, "event time never decreases");
      lastTime = e.dateTime();
      assertEquals(config.timeOf(n), e.dateTime());
      if (e instanceof Person p) {
        kinds[0]++;
        assertEquals(1000 + persons.size(), p.id(), "person ids are consecutive from 1000");
        persons.add(p.id());
      } else if (e instanceof Auction a) {
        kinds[1]++;
        assertEquals(1000 + auctions.size(), a.id(), "auction ids are consecutive from 1000");
        auctions.add(a.id());
        assertTrue(a.category() >= 10 && a.category() <= 14);
        assertTrue(a.expires() > a.dateTime());
        assertTrue(a.expires() - a.dateTime() <= EventGenerator.maxAuctionDurationMs(config));
        assertTrue(a.reserve() >= a.initialBid());
        assertTrue(a.seller() >= 1000 && a.seller() <= 1000 + persons.size() + 10);
      } else {
        Bid b = (Bid) e;
        kinds[2]++;
        bidsOnKnownAuctions += auctions.contains(b.auction()) ? 1 : 0;
        bidsByKnownBidders += persons.contains(b.bidder()) ? 1 : 0;
        assertTrue(b.price() >= 100);
      }
    }
    assertEquals(1_000, kinds[0]);
    assertEquals(3_000, kinds[1]);
    assertEquals(46_000, kinds[2]);
    assertTrue(bidsOnKnownAuctions > 0.9 * kinds[2], "bids reference existing auctions: " + bidsOnKnownAuctions);
    assertTrue(bidsByKnownBidders > 0.9 * kinds[2], "bids reference existing persons: " + bidsByKnownBidders);
  }

  @Test
  void eventsDependOnlyOnSeedAndNumber() {
    EventGenerator again = new EventGenerator(GeneratorConfig.of(50_000, 7));
    EventGenerator other = new EventGenerator(GeneratorConfig.of(50_000, 8));
    assertEquals(generator.event(12_345), again.event(12_345));
    assertNotEquals(generator.event(12_345), other.event(12_345));
  }

  @Test
  void jsonRoundTripsAndMarkersAreRecognised() {
    for (long n = 0; n < 60; n++) {
      Event e = generator.event(n);
      assertEquals(e, NexmarkJson.read(NexmarkJson.write(e), e.getClass()));
      assertTrue(!e.isEndMarker());
    }
    assertTrue(NexmarkJson.read(NexmarkJson.write(Bid.endMarker(5)), Bid.class).isEndMarker());
    assertTrue(NexmarkJson.read(NexmarkJson.write(Person.endMarker(5)), Person.class).isEndMarker());
    assertTrue(NexmarkJson.read(NexmarkJson.write(Auction.endMarker(5)), Auction.class).isEndMarker());
    String json = new String(NexmarkJson.write(generator.event(10)));
    assertTrue(json.startsWith("{\"auction\":"), json);
  }

  @Test
  void endMarkersLieBeyondEveryExpiry() {
    long latest = Long.MIN_VALUE;
    for (long n = 0; n < config.events(); n++) {
      Event e = generator.event(n);
      latest = Math.max(latest, e instanceof Auction a ? a.expires() : e.dateTime());
    }
    assertTrue(NexmarkGenerator.endMarkerTime(config) >= latest + NexmarkGenerator.END_MARKER_MARGIN_MS);
  }
}
