package io.strand.nexmark.flink;

import io.strand.nexmark.engine.EndOfInput;
import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.Person;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.AuctionPrice;
import io.strand.nexmark.query.results.LocalItem;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The nine Nexmark queries on Flink's DataStream API, exactly as {@link Query} defines them: each
 * turns the query's input streams into its {@link KeyedOutput}s. The first operator after every
 * input drops the end-of-input markers ({@link EndOfInput#keep}); they have advanced the
 * partition's watermark in the source already. Windows are event-time windows with allowed
 * lateness 0 that fire once, when the watermark passes their end (final results only).
 */
public final class FlinkQueries {

  private FlinkQueries() {
  }

  /**
   * Adds a query to the inputs' job.
   *
   * @param query the query
   * @param inputs its input streams (only {@link Query#inputs()} are asked for)
   * @return the query's output records
   */
  public static DataStream<KeyedOutput> build(Query query, EventStreams inputs) {
    return switch (query) {
      case Q0 -> events(inputs, Bid.class)
          .map(b -> KeyedOutput.of(b.auction(), b)).name("q0-encode");
      case Q1 -> events(inputs, Bid.class)
          .map(b -> KeyedOutput.of(b.auction(), new Bid(b.auction(), b.bidder(), NexmarkSemantics.toEuros(b.price()),
              b.channel(), b.url(), b.dateTime(), b.extra()))).name("q1-convert");
      case Q2 -> events(inputs, Bid.class)
          .filter(b -> b.auction() % NexmarkSemantics.Q2_AUCTION_MODULUS == 0).name("q2-select")
          .map(b -> KeyedOutput.of(b.auction(), new AuctionPrice(b.auction(), b.price()))).name("q2-encode");
      case Q3 -> q3(inputs);
      case Q4 -> Q4AveragePrices.build(events(inputs, Auction.class), events(inputs, Bid.class));
      case Q5 -> Q5HotItems.build(events(inputs, Bid.class));
      case Q7 -> Q7HighestBids.build(events(inputs, Bid.class));
      case Q8 -> Q8NewUsers.build(events(inputs, Person.class), events(inputs, Auction.class));
      case Q11 -> Q11Sessions.build(events(inputs, Bid.class));
    };
  }

  /** Q3: a table-table join of the local sellers and the category's auctions, on the seller's id. */
  private static DataStream<KeyedOutput> q3(EventStreams inputs) {
    DataStream<Person> sellers = events(inputs, Person.class)
        .filter(p -> NexmarkSemantics.Q3_STATES.contains(p.state())).name("q3-local-persons");
    DataStream<Auction> auctions = events(inputs, Auction.class)
        .filter(a -> a.category() == NexmarkSemantics.Q3_CATEGORY).name("q3-category-auctions");
    return sellers.keyBy(Person::id, Types.LONG)
        .connect(auctions.keyBy(Auction::seller, Types.LONG))
        .process(new Q3SellerJoin()).name("q3-join");
  }

  /** The input's events without the end-of-input markers, each noted by {@link EndOfInput}. */
  static <T extends Event> DataStream<T> events(EventStreams inputs, Class<T> type) {
    return inputs.of(type).filter(new KeepEvents<>()).name("drop-end-markers-" + type.getSimpleName().toLowerCase());
  }

  /** {@link EndOfInput#keep} as a filter, chained to the source: once per input record. */
  private static final class KeepEvents<T extends Event> implements FilterFunction<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(T event) {
      return EndOfInput.keep(event);
    }
  }

  /** A Q3 result. */
  static KeyedOutput localItem(Person seller, Auction auction) {
    return KeyedOutput.of(auction.id(), new LocalItem(seller.name(), seller.city(), seller.state(), auction.id()));
  }
}
