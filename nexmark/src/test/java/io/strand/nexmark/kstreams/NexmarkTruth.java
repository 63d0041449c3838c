package io.strand.nexmark.kstreams;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.Person;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.AuctionPrice;
import io.strand.nexmark.query.results.BidderSession;
import io.strand.nexmark.query.results.CategoryAverage;
import io.strand.nexmark.query.results.HighestBid;
import io.strand.nexmark.query.results.HotItem;
import io.strand.nexmark.query.results.LocalItem;
import io.strand.nexmark.query.results.NewUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Each query's expected results computed directly from the events, in memory, from
 * {@link Query}'s definitions (no engine involved): the truth the engine's outputs are compared with.
 */
final class NexmarkTruth {

  /** A result and its output key. */
  record Keyed(long key, Object value) {
  }

  private final List<Person> persons = new ArrayList<>();
  private final List<Auction> auctions = new ArrayList<>();
  private final List<Bid> bids = new ArrayList<>();

  NexmarkTruth(List<Event> events) {
    for (Event e : events) {
      if (e instanceof Person p) {
        persons.add(p);
      } else if (e instanceof Auction a) {
        auctions.add(a);
      } else {
        bids.add((Bid) e);
      }
    }
  }

  List<Keyed> results(Query query) {
    return switch (query) {
      case Q0 -> bids.stream().map(b -> new Keyed(b.auction(), b)).toList();
      case Q1 -> bids.stream().map(b -> new Keyed(b.auction(), new Bid(b.auction(), b.bidder(),
          NexmarkSemantics.toEuros(b.price()), b.channel(), b.url(), b.dateTime(), b.extra()))).toList();
      case Q2 -> bids.stream().filter(b -> b.auction() % NexmarkSemantics.Q2_AUCTION_MODULUS == 0)
          .map(b -> new Keyed(b.auction(), new AuctionPrice(b.auction(), b.price()))).toList();
      case Q3 -> q3();
      case Q4 -> q4();
      case Q5 -> q5();
      case Q7 -> q7();
      case Q8 -> q8();
      case Q11 -> q11();
    };
  }

  private List<Keyed> q3() {
    Map<Long, Person> byId = new HashMap<>();
    persons.forEach(p -> byId.put(p.id(), p));
    List<Keyed> out = new ArrayList<>();
    for (Auction a : auctions) {
      Person p = byId.get(a.seller());
      if (a.category() == NexmarkSemantics.Q3_CATEGORY && p != null && NexmarkSemantics.Q3_STATES.contains(p.state())) {
        out.add(new Keyed(a.id(), new LocalItem(p.name(), p.city(), p.state(), a.id())));
      }
    }
    return out;
  }

  private List<Keyed> q4() {
    Map<Long, List<Bid>> byAuction = new HashMap<>();
    bids.forEach(b -> byAuction.computeIfAbsent(b.auction(), x -> new ArrayList<>()).add(b));
    Map<Long, long[]> perCategory = new TreeMap<>();
    for (Auction a : auctions) {
      long max = -1;
      for (Bid b : byAuction.getOrDefault(a.id(), List.of())) {
        if (b.dateTime() >= a.dateTime() && b.dateTime() <= a.expires()) {
          max = Math.max(max, b.price());
        }
      }
      if (max >= 0) {
        long[] t = perCategory.computeIfAbsent(a.category(), x -> new long[2]);
        t[0]++;
        t[1] += max;
      }
    }
    List<Keyed> out = new ArrayList<>();
    perCategory.forEach((c, t) -> out.add(new Keyed(c, CategoryAverage.of(c, t[0], t[1]))));
    return out;
  }

  private List<Keyed> q5() {
    long size = NexmarkSemantics.Q5_WINDOW_MS;
    long advance = NexmarkSemantics.Q5_ADVANCE_MS;
    Map<Long, Map<Long, Long>> counts = new TreeMap<>();
    for (Bid b : bids) {
      long last = Math.floorDiv(b.dateTime(), advance) * advance;
      for (long start = last; start > b.dateTime() - size; start -= advance) {
        counts.computeIfAbsent(start, x -> new TreeMap<>()).merge(b.auction(), 1L, Long::sum);
      }
    }
    List<Keyed> out = new ArrayList<>();
    counts.forEach((start, perAuction) -> {
      long max = perAuction.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      perAuction.forEach((auction, n) -> {
        if (n == max) {
          out.add(new Keyed(auction, new HotItem(auction, n, start, start + size)));
        }
      });
    });
    return out;
  }

  private List<Keyed> q7() {
    long size = NexmarkSemantics.Q7_WINDOW_MS;
    Map<Long, List<Bid>> windows = new TreeMap<>();
    bids.forEach(b -> windows.computeIfAbsent(Math.floorDiv(b.dateTime(), size) * size, x -> new ArrayList<>()).add(b));
    List<Keyed> out = new ArrayList<>();
    windows.forEach((start, inWindow) -> {
      long max = inWindow.stream().mapToLong(Bid::price).max().orElseThrow();
      inWindow.stream().filter(b -> b.price() == max).forEach(b -> out.add(new Keyed(b.auction(),
          new HighestBid(b.auction(), b.price(), b.bidder(), b.dateTime(), b.extra(), start, start + size))));
    });
    return out;
  }

  private List<Keyed> q8() {
    long size = NexmarkSemantics.Q8_WINDOW_MS;
    Set<List<Long>> sellerWindows = new HashSet<>();
    auctions.forEach(a -> sellerWindows.add(List.of(a.seller(), Math.floorDiv(a.dateTime(), size))));
    List<Keyed> out = new ArrayList<>();
    for (Person p : persons) {
      long window = Math.floorDiv(p.dateTime(), size);
      if (sellerWindows.contains(List.of(p.id(), window))) {
        out.add(new Keyed(p.id(), new NewUser(p.id(), p.name(), window * size, window * size + size)));
      }
    }
    return out;
  }

  private List<Keyed> q11() {
    Map<Long, List<Long>> times = new TreeMap<>();
    bids.forEach(b -> times.computeIfAbsent(b.bidder(), x -> new ArrayList<>()).add(b.dateTime()));
    List<Keyed> out = new ArrayList<>();
    times.forEach((bidder, ts) -> {
      ts.sort(null);
      long first = ts.get(0);
      long last = first;
      long count = 0;
      for (long t : ts) {
        if (t - last > NexmarkSemantics.Q11_GAP_MS) {
          out.add(new Keyed(bidder, new BidderSession(bidder, count, first, last)));
          first = t;
          count = 0;
        }
        last = t;
        count++;
      }
      out.add(new Keyed(bidder, new BidderSession(bidder, count, first, last)));
    });
    return out;
  }
}
