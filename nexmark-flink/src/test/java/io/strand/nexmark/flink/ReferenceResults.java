package io.strand.nexmark.flink;

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
 * The expected results of each query over a list of events, computed directly from {@link Query}'s
 * definitions (no streaming, no event-time machinery): the truth the Flink queries are checked
 * against. Results are {@link KeyedOutput}s in no particular order.
 */
final class ReferenceResults {

  private final List<Person> persons = new ArrayList<>();
  private final List<Auction> auctions = new ArrayList<>();
  private final List<Bid> bids = new ArrayList<>();

  ReferenceResults(List<Event> events) {
    for (Event e : events) {
      if (e instanceof Person p) {
        persons.add(p);
      } else if (e instanceof Auction a) {
        auctions.add(a);
      } else if (e instanceof Bid b) {
        bids.add(b);
      }
    }
  }

  List<KeyedOutput> of(Query query) {
    List<KeyedOutput> out = new ArrayList<>();
    switch (query) {
      case Q0 -> bids.forEach(b -> out.add(KeyedOutput.of(b.auction(), b)));
      case Q1 -> bids.forEach(b -> out.add(KeyedOutput.of(b.auction(), new Bid(b.auction(), b.bidder(),
          NexmarkSemantics.toEuros(b.price()), b.channel(), b.url(), b.dateTime(), b.extra()))));
      case Q2 -> bids.stream().filter(b -> b.auction() % 123 == 0)
          .forEach(b -> out.add(KeyedOutput.of(b.auction(), new AuctionPrice(b.auction(), b.price()))));
      case Q3 -> q3(out);
      case Q4 -> q4(out);
      case Q5 -> q5(out);
      case Q7 -> q7(out);
      case Q8 -> q8(out);
      case Q11 -> q11(out);
    }
    return out;
  }

  private void q3(List<KeyedOutput> out) {
    Map<Long, Person> local = new HashMap<>();
    persons.stream().filter(p -> Set.of("OR", "ID", "CA").contains(p.state())).forEach(p -> local.put(p.id(), p));
    for (Auction a : auctions) {
      Person p = local.get(a.seller());
      if (a.category() == 10 && p != null) {
        out.add(KeyedOutput.of(a.id(), new LocalItem(p.name(), p.city(), p.state(), a.id())));
      }
    }
  }

  private void q4(List<KeyedOutput> out) {
    Map<Long, List<Bid>> byAuction = new HashMap<>();
    bids.forEach(b -> byAuction.computeIfAbsent(b.auction(), k -> new ArrayList<>()).add(b));
    Map<Long, long[]> perCategory = new TreeMap<>();
    for (Auction a : auctions) {
      long max = -1;
      for (Bid b : byAuction.getOrDefault(a.id(), List.of())) {
        if (b.dateTime() >= a.dateTime() && b.dateTime() <= a.expires()) {
          max = Math.max(max, b.price());
        }
      }
      if (max >= 0) {
        long[] countSum = perCategory.computeIfAbsent(a.category(), k -> new long[2]);
        countSum[0]++;
        countSum[1] += max;
      }
    }
    perCategory.forEach((c, cs) -> out.add(KeyedOutput.of(c, CategoryAverage.of(c, cs[0], cs[1]))));
  }

  private void q5(List<KeyedOutput> out) {
    long size = 10_000;
    long advance = 2_000;
    Map<Long, Map<Long, Long>> countsByStart = new TreeMap<>();
    for (Bid b : bids) {
      for (long s = Math.floorDiv(b.dateTime(), advance) * advance; s > b.dateTime() - size; s -= advance) {
        countsByStart.computeIfAbsent(s, k -> new HashMap<>()).merge(b.auction(), 1L, Long::sum);
      }
    }
    countsByStart.forEach((start, counts) -> {
      long max = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      counts.forEach((auction, n) -> {
        if (n == max) {
          out.add(KeyedOutput.of(auction, new HotItem(auction, n, start, start + size)));
        }
      });
    });
  }

  private void q7(List<KeyedOutput> out) {
    long size = 10_000;
    Map<Long, Long> maxByStart = new HashMap<>();
    bids.forEach(b -> maxByStart.merge(Math.floorDiv(b.dateTime(), size) * size, b.price(), Math::max));
    for (Bid b : bids) {
      long start = Math.floorDiv(b.dateTime(), size) * size;
      if (b.price() == maxByStart.get(start)) {
        out.add(KeyedOutput.of(b.auction(),
            new HighestBid(b.auction(), b.price(), b.bidder(), b.dateTime(), b.extra(), start, start + size)));
      }
    }
  }

  private void q8(List<KeyedOutput> out) {
    long size = 10_000;
    Set<List<Long>> sellerWindows = new HashSet<>();
    auctions.forEach(a -> sellerWindows.add(List.of(a.seller(), Math.floorDiv(a.dateTime(), size) * size)));
    for (Person p : persons) {
      long start = Math.floorDiv(p.dateTime(), size) * size;
      if (sellerWindows.contains(List.of(p.id(), start))) {
        out.add(KeyedOutput.of(p.id(), new NewUser(p.id(), p.name(), start, start + size)));
      }
    }
  }

  private void q11(List<KeyedOutput> out) {
    Map<Long, List<Long>> times = new HashMap<>();
    bids.forEach(b -> times.computeIfAbsent(b.bidder(), k -> new ArrayList<>()).add(b.dateTime()));
    times.forEach((bidder, ts) -> {
      ts.sort(null);
      long first = ts.get(0);
      long last = first;
      long count = 0;
      for (long t : ts) {
        if (t - last > 10_000) {
          out.add(KeyedOutput.of(bidder, new BidderSession(bidder, count, first, last)));
          first = t;
          count = 0;
        }
        last = t;
        count++;
      }
      out.add(KeyedOutput.of(bidder, new BidderSession(bidder, count, first, last)));
    });
  }
}
