package io.strand.nexmark.kstreams;

import static io.strand.nexmark.kstreams.KStreamsTopologies.AUCTION_INPUT;
import static io.strand.nexmark.kstreams.KStreamsTopologies.BID_INPUT;
import static io.strand.nexmark.kstreams.KStreamsTopologies.KEYS;
import static io.strand.nexmark.kstreams.KStreamsTopologies.MARKER_KEY;
import static io.strand.nexmark.kstreams.KStreamsTopologies.PERSON_INPUT;
import static io.strand.nexmark.kstreams.KStreamsTopologies.auctions;
import static io.strand.nexmark.kstreams.KStreamsTopologies.bids;
import static io.strand.nexmark.kstreams.KStreamsTopologies.output;
import static io.strand.nexmark.kstreams.KStreamsTopologies.persons;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.NexmarkTopics;
import io.strand.nexmark.model.Person;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.CategoryAverage;
import io.strand.nexmark.query.results.LocalItem;
import io.strand.nexmark.query.results.NewUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;

/** Q3, Q4 and Q8: the joins. */
final class JoinQueries {

  private JoinQueries() {
  }

  /**
   * Q3, local item suggestion: a foreign-key table-table join of category-10 auctions (by auction
   * id) with their sellers in OR, ID or CA, so either side may arrive first. Markers are dropped
   * before the tables: no event time is involved.
   */
  static void q3(StreamsBuilder builder) {
    KTable<String, Person> sellers = persons(builder)
        .filter((k, p) -> !p.isEndMarker() && NexmarkSemantics.Q3_STATES.contains(p.state()))
        .toTable(Materialized.with(KEYS, PERSON_INPUT));
    KTable<String, Auction> auctions = auctions(builder)
        .filter((k, a) -> !a.isEndMarker() && a.category() == NexmarkSemantics.Q3_CATEGORY)
        .toTable(Materialized.with(KEYS, AUCTION_INPUT));
    KTable<String, LocalItem> items = auctions.join(sellers, a -> Long.toString(a.seller()),
        (a, p) -> new LocalItem(p.name(), p.city(), p.state(), a.id()),
        Materialized.with(KEYS, JsonSerde.of(LocalItem.class)));
    output(items.toStream(), Query.Q3, LocalItem.class);
  }

  /**
   * The state of one auction in Q4: the auction once seen, its closing price so far (the highest
   * price of the bids within its lifetime), and the bids that came before the auction did (kept
   * only until it comes: whether they count depends on its times).
   *
   * @param known whether the auction has been seen
   * @param dateTime the auction's opening time, ms (when known)
   * @param expires its closing time, ms (when known)
   * @param category its category (when known)
   * @param price its closing price so far, cents, or -1 for none
   * @param early bids seen before the auction, as {time, price} pairs (empty once known)
   */
  record AuctionState(boolean known, long dateTime, long expires, long category, long price, List<long[]> early) {

    static AuctionState empty() {
      return new AuctionState(false, 0, 0, 0, -1, List.of());
    }

    AuctionState withAuction(Auction a) {
      long max = price;
      for (long[] bid : early) {
        if (bid[0] >= a.dateTime() && bid[0] <= a.expires()) {
          max = Math.max(max, bid[1]);
        }
      }
      return new AuctionState(true, a.dateTime(), a.expires(), a.category(), max, List.of());
    }

    AuctionState withBid(Bid b) {
      if (!known) {
        List<long[]> more = new ArrayList<>(early);
        more.add(new long[] {b.dateTime(), b.price()});
        return new AuctionState(false, 0, 0, 0, -1, more);
      }
      if (b.dateTime() < dateTime || b.dateTime() > expires || b.price() <= price) {
        return this;
      }
      return new AuctionState(true, dateTime, expires, category, b.price(), early);
    }

    boolean hasClosingPrice() {
      return known && price >= 0;
    }
  }

  /**
   * A category's running total in Q4.
   *
   * @param auctions auctions with a closing price
   * @param sum their closing prices' sum, cents
   */
  record CategoryTotal(long auctions, long sum) {
  }

  /**
   * Q4, average price per category: auctions and bids (both keyed by auction id, so
   * co-partitioned) cogrouped into one {@link AuctionState} per auction, whatever the arrival
   * order; the table of closing prices re-grouped by category, with an adder and a subtractor, so
   * a category's total follows every change of a closing price. Markers are dropped first: the
   * auction's own times decide which bids count, not the watermark.
   */
  static void q4(StreamsBuilder builder) {
    var auctions = auctions(builder).filterNot((k, a) -> a.isEndMarker()).groupByKey(Grouped.with(KEYS, AUCTION_INPUT));
    var bids = bids(builder).filterNot((k, b) -> b.isEndMarker()).groupByKey(Grouped.with(KEYS, BID_INPUT));
    KTable<String, AuctionState> states = auctions
        .<AuctionState>cogroup((id, a, state) -> state.withAuction(a))
        .cogroup(bids, (id, b, state) -> state.withBid(b))
        .aggregate(AuctionState::empty, Materialized.with(KEYS, JsonSerde.of(AuctionState.class)));
    KTable<String, CategoryTotal> totals = states
        .filter((id, state) -> state.hasClosingPrice())
        .groupBy((id, state) -> KeyValue.pair(Long.toString(state.category()), state.price()),
            Grouped.with(KEYS, Serdes.Long()))
        .aggregate(() -> new CategoryTotal(0, 0),
            (category, price, total) -> new CategoryTotal(total.auctions() + 1, total.sum() + price),
            (category, price, total) -> new CategoryTotal(total.auctions() - 1, total.sum() - price),
            Materialized.with(KEYS, JsonSerde.of(CategoryTotal.class)));
    output(totals.toStream().mapValues((category, t) -> t == null || t.auctions() == 0 ? null
        : CategoryAverage.of(Long.parseLong(category), t.auctions(), t.sum())), Query.Q4, CategoryAverage.class);
  }

  /**
   * Q8, new users: auctions re-keyed by seller through an {@link Exchange}, joined with persons
   * (a KStream-KStream join over 10 s either way, grace the watermark lag), pairs in different
   * tumbling windows dropped, then one result per person and window: a tumbling-window reduce,
   * suppressed until the window closes. Markers go round the join (so they never join) into the reduce,
   * where they close the last windows.
   */
  static void q8(StreamsBuilder builder, Exchange exchange) {
    long size = NexmarkSemantics.Q8_WINDOW_MS;
    Duration lag = Duration.ofMillis(NexmarkSemantics.WATERMARK_LAG_MS);
    KStream<String, Auction> bySeller = exchange.through(builder,
        auctions(builder).selectKey((k, a) -> Long.toString(a.seller())), "auction-by-seller",
        NexmarkTopics.PARTITIONS, AUCTION_INPUT, Auction::isEndMarker);
    KStream<String, Person> persons = persons(builder);
    KStream<String, NewUser> markers = persons.filter((k, p) -> p.isEndMarker())
        .mapValues(p -> new NewUser(p.id(), "", p.dateTime(), p.dateTime()))
        .merge(bySeller.filter((k, a) -> a.isEndMarker())
            .mapValues(a -> new NewUser(a.seller(), "", a.dateTime(), a.dateTime())));
    KStream<String, NewUser> pairs = persons.filterNot((k, p) -> p.isEndMarker())
        .join(bySeller.filterNot((k, a) -> a.isEndMarker()),
            (p, a) -> p.dateTime() / size == a.dateTime() / size
                ? new NewUser(p.id(), p.name(), p.dateTime() / size * size, p.dateTime() / size * size + size) : null,
            JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(size), lag),
            StreamJoined.with(KEYS, PERSON_INPUT, AUCTION_INPUT))
        .filter((k, user) -> user != null);
    KStream<String, NewUser> users = pairs.merge(markers)
        .groupByKey(Grouped.with(KEYS, JsonSerde.of(NewUser.class)))
        .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(size), lag))
        .reduce((first, again) -> first, Materialized.with(KEYS, JsonSerde.of(NewUser.class)))
        .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
        .toStream((window, user) -> window.key())
        .filter((id, user) -> !MARKER_KEY.equals(id));
    output(users, Query.Q8, NewUser.class);
  }
}
