package io.strand.nexmark.query;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.Person;
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
 * Every query's expected final results, computed in memory from the whole list of events with no
 * streaming at all: the model answer the engines' outputs are checked against (for inputs small
 * enough to hold). Follows {@link Query}'s definitions literally. Stateless.
 */
public final class ReferenceResults {

  private ReferenceResults() {
  }

  /**
   * The expected results of a query.
   *
   * @param query the query
   * @param events every event of the input (no end markers), in any order
   * @return the normalized results, named {@code reference}
   */
  public static NexmarkResults.Results compute(Query query, List<Event> events) {
    return compute(query, events, NexmarkResults.Detail.TEXT);
  }

  /**
   * The expected results of a query, as text or digests.
   *
   * @param query the query
   * @param events every event of the input (no end markers), in any order
   * @param d text or digests (as the engines' results they are compared with)
   * @return the normalized results, named {@code reference}
   */
  public static NexmarkResults.Results compute(Query query, List<Event> events, NexmarkResults.Detail d) {
    List<Bid> bids = new ArrayList<>();
    List<Auction> auctions = new ArrayList<>();
    List<Person> persons = new ArrayList<>();
    for (Event e : events) {
      if (e instanceof Bid b) {
        bids.add(b);
      } else if (e instanceof Auction a) {
        auctions.add(a);
      } else if (e instanceof Person p) {
        persons.add(p);
      }
    }
    String name = "reference";
    return switch (query) {
      case Q0 -> NexmarkResults.ofValues(query, name, bids, d);
      case Q1 -> NexmarkResults.ofValues(query, name, bids.stream().map(b -> new Bid(b.auction(), b.bidder(),
          NexmarkSemantics.toEuros(b.price()), b.channel(), b.url(), b.dateTime(), b.extra())).toList(), d);
      case Q2 -> NexmarkResults.ofValues(query, name, bids.stream()
          .filter(b -> b.auction() % NexmarkSemantics.Q2_AUCTION_MODULUS == 0)
          .map(b -> new AuctionPrice(b.auction(), b.price())).toList(), d);
      case Q3 -> NexmarkResults.ofTable(query, name, q3(persons, auctions), d);
      case Q4 -> NexmarkResults.ofTable(query, name, q4(auctions, bids), d);
      case Q5 -> NexmarkResults.ofValues(query, name, q5(bids), d);
      case Q7 -> NexmarkResults.ofValues(query, name, q7(bids), d);
      case Q8 -> NexmarkResults.ofValues(query, name, q8(persons, auctions), d);
      case Q11 -> NexmarkResults.ofValues(query, name, q11(bids), d);
    };
  }

  private static Map<String, LocalItem> q3(List<Person> persons, List<Auction> auctions) {
    Map<Long, Person> sellers = new HashMap<>();
    persons.stream().filter(p -> NexmarkSemantics.Q3_STATES.contains(p.state())).forEach(p -> sellers.put(p.id(), p));
    Map<String, LocalItem> rows = new TreeMap<>();
    for (Auction a : auctions) {
      Person p = sellers.get(a.seller());
      if (a.category() == NexmarkSemantics.Q3_CATEGORY && p != null) {
        rows.put(Long.toString(a.id()), new LocalItem(p.name(), p.city(), p.state(), a.id()));
      }
    }
    return rows;
  }

  private static Map<String, CategoryAverage> q4(List<Auction> auctions, List<Bid> bids) {
    Map<Long, List<Bid>> byAuction = new HashMap<>();
    bids.forEach(b -> byAuction.computeIfAbsent(b.auction(), k -> new ArrayList<>()).add(b));
    Map<Long, long[]> categories = new TreeMap<>();
    for (Auction a : auctions) {
      long max = -1;
      for (Bid b : byAuction.getOrDefault(a.id(), List.of())) {
        if (b.dateTime() >= a.dateTime() && b.dateTime() <= a.expires()) {
          max = Math.max(max, b.price());
        }
      }
      if (max >= 0) {
        long[] c = categories.computeIfAbsent(a.category(), k -> new long[2]);
        c[0]++;
        c[1] += max;
      }
    }
    Map<String, CategoryAverage> rows = new TreeMap<>();
    categories.forEach((cat, c) -> rows.put(Long.toString(cat), CategoryAverage.of(cat, c[0], c[1])));
    return rows;
  }

  private static List<HotItem> q5(List<Bid> bids) {
    long size = NexmarkSemantics.Q5_WINDOW_MS;
    long advance = NexmarkSemantics.Q5_ADVANCE_MS;
    Map<Long, Map<Long, Long>> counts = new TreeMap<>();
    for (Bid b : bids) {
      long last = Math.floorDiv(b.dateTime(), advance) * advance;
      for (long start = last; start > b.dateTime() - size; start -= advance) {
        counts.computeIfAbsent(start, k -> new HashMap<>()).merge(b.auction(), 1L, Long::sum);
      }
    }
    List<HotItem> out = new ArrayList<>();
    counts.forEach((start, perAuction) -> {
      long max = perAuction.values().stream().mapToLong(Long::longValue).max().orElse(0);
      perAuction.forEach((auction, n) -> {
        if (n == max) {
          out.add(new HotItem(auction, n, start, start + size));
        }
      });
    });
    return out;
  }

  private static List<HighestBid> q7(List<Bid> bids) {
    long size = NexmarkSemantics.Q7_WINDOW_MS;
    Map<Long, Long> max = new HashMap<>();
    bids.forEach(b -> max.merge(Math.floorDiv(b.dateTime(), size) * size, b.price(), Math::max));
    List<HighestBid> out = new ArrayList<>();
    for (Bid b : bids) {
      long start = Math.floorDiv(b.dateTime(), size) * size;
      if (b.price() == max.get(start)) {
        out.add(new HighestBid(b.auction(), b.price(), b.bidder(), b.dateTime(), b.extra(), start, start + size));
      }
    }
    return out;
  }

  private static List<NewUser> q8(List<Person> persons, List<Auction> auctions) {
    long size = NexmarkSemantics.Q8_WINDOW_MS;
    Set<String> sellerWindows = new HashSet<>();
    auctions.forEach(a -> sellerWindows.add(a.seller() + "@" + Math.floorDiv(a.dateTime(), size)));
    List<NewUser> out = new ArrayList<>();
    for (Person p : persons) {
      long w = Math.floorDiv(p.dateTime(), size);
      if (sellerWindows.contains(p.id() + "@" + w)) {
        out.add(new NewUser(p.id(), p.name(), w * size, w * size + size));
      }
    }
    return out;
  }

  private static List<BidderSession> q11(List<Bid> bids) {
    Map<Long, List<Long>> times = new HashMap<>();
    bids.forEach(b -> times.computeIfAbsent(b.bidder(), k -> new ArrayList<>()).add(b.dateTime()));
    List<BidderSession> out = new ArrayList<>();
    times.forEach((bidder, ts) -> {
      ts.sort(null);
      long start = ts.get(0);
      long last = start;
      long count = 0;
      for (long t : ts) {
        if (t - last > NexmarkSemantics.Q11_GAP_MS) {
          out.add(new BidderSession(bidder, count, start, last));
          start = t;
          count = 0;
        }
        last = t;
        count++;
      }
      out.add(new BidderSession(bidder, count, start, last));
    });
    return out;
  }
}
