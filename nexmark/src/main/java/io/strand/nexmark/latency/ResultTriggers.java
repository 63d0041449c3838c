package io.strand.nexmark.latency;

import io.strand.nexmark.generator.EventGenerator;
import io.strand.nexmark.generator.GeneratorConfig;
import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.Person;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.AuctionPrice;
import io.strand.nexmark.query.results.BidderSession;
import io.strand.nexmark.query.results.HighestBid;
import io.strand.nexmark.query.results.HotItem;
import io.strand.nexmark.query.results.LocalItem;
import io.strand.nexmark.query.results.NewUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a query's result became due, the same rule for every engine, so that its latency (the
 * result's append to the output minus this) is what the engine adds to the delay the query's
 * definition imposes. Times are {@link InputAppends} times (the inputs' append, ms since the epoch).
 *
 * <ul>
 *   <li><b>Per-event results</b> (q0, q1, q2): the append of the bid the result was made from. The
 *       bid is found from the result itself, never from the output record's timestamp (engines set
 *       that differently): q0/q1 by the bid's event time (the at most few events of that ms are
 *       made again and compared field by field, q1's price converted), q2 by (auction, price)
 *       among the generation's selected bids, taken in event order.</li>
 *   <li><b>Join results</b> (q3): the later append of the auction and of its seller (the person):
 *       the join can emit once both have arrived.</li>
 *   <li><b>Window results</b> (q5, q7, q8): the moment the watermark could first pass the window's
 *       end: every partition of the query's input topics has appended a record with event time
 *       at or after {@code windowEnd + lag} (per partition the highest event time seen minus the
 *       2 s lag, {@link NexmarkSemantics#WATERMARK_LAG_MS}; an operator's watermark is the minimum
 *       over the partitions feeding it, and a window's result depends on every partition). The
 *       end-of-input markers count as records: they close the last windows.</li>
 *   <li><b>Session results</b> (q11): likewise for {@code last bid + gap + lag}: the session cannot
 *       grow once the watermark passes its last bid by the gap.</li>
 * </ul>
 * This is the "watermark passes the window end" rule (as Flink's and the Nexmark suites' event-time
 * latency with the out-of-orderness bound taken out), not "from the last contributing event": the
 * 2 s lag and the window's remaining length are the query's, not the engine's. Results of q4 (a
 * per-category table an engine may update on every bid or only at auction expiry) have no
 * engine-independent due moment and are not probed. Engines may fire 1 ms apart in their
 * boundary conventions (Flink's watermark is the highest time minus the lag minus 1), well under
 * the figures' resolution (the broker's append times are in ms).
 *
 * <p>Not thread-safe (q2's matching consumes its index).
 */
public final class ResultTriggers {

  /** The queries with a rule. */
  public static final Set<Query> PROBED = Set.of(Query.Q0, Query.Q1, Query.Q2, Query.Q3, Query.Q5, Query.Q7,
      Query.Q8, Query.Q11);

  private static final int PROPORTION = 50;
  private static final int AUCTIONS = 3;
  private static final long FIRST_ID = 1000;

  private final Query query;
  private final GeneratorConfig config;
  private final EventGenerator generator;
  /** Q2: (auction, price) to the numbers of its bids, in order, and how many were matched. */
  private final Map<AuctionPrice, List<Long>> selected = new HashMap<>();
  private final Map<AuctionPrice, Integer> matched = new HashMap<>();

  /**
   * The rules of a query over a generation (q2 makes the generation's bids once to index the
   * selected ones).
   *
   * @param query one of {@link #PROBED}
   * @param config the live generation
   * @throws IllegalArgumentException if the query has no rule
   */
  public ResultTriggers(Query query, GeneratorConfig config) {
    if (!PROBED.contains(query)) {
      throw new IllegalArgumentException(query.id() + " has no latency rule (probed: q0-q3, q5, q7, q8, q11)");
    }
    this.query = query;
    this.config = config;
    this.generator = new EventGenerator(config);
    if (query == Query.Q2) {
      for (long n = 0; n < config.events(); n++) {
        if (n % PROPORTION >= 1 + AUCTIONS && generator.event(n) instanceof Bid b
            && b.auction() % NexmarkSemantics.Q2_AUCTION_MODULUS == 0) {
          selected.computeIfAbsent(new AuctionPrice(b.auction(), b.price()), k -> new ArrayList<>()).add(n);
        }
      }
    }
  }

  /**
   * When a result became due.
   *
   * @param result a value of the query's {@link Query#resultType()}
   * @param appends the generation's appends
   * @return ms since the epoch, or -1 if no input of the generation explains the result (or its
   *     inputs' appends were not recorded)
   */
  public long dueMs(Object result, InputAppends appends) {
    long lag = NexmarkSemantics.WATERMARK_LAG_MS;
    return switch (query) {
      case Q0, Q1 -> appends.appendOf(bidEvent((Bid) result));
      case Q2 -> appends.appendOf(selectedEvent((AuctionPrice) result));
      case Q3 -> joinDue((LocalItem) result, appends);
      case Q5 -> appends.allPartitionsReached(query.inputs(), ((HotItem) result).windowEnd() + lag);
      case Q7 -> appends.allPartitionsReached(query.inputs(), ((HighestBid) result).windowEnd() + lag);
      case Q8 -> appends.allPartitionsReached(query.inputs(), ((NewUser) result).windowEnd() + lag);
      case Q11 -> appends.allPartitionsReached(query.inputs(),
          ((BidderSession) result).windowEnd() + NexmarkSemantics.Q11_GAP_MS + lag);
      default -> throw new IllegalStateException(query + " has no latency rule");
    };
  }

  /** The bid (q0) or converted bid (q1) among the events of its ms; -1 for none. */
  private long bidEvent(Bid out) {
    long last = Math.min(config.firstEventAt(out.dateTime() + 1), config.events());
    for (long n = config.firstEventAt(out.dateTime()); n < last; n++) {
      if (generator.event(n) instanceof Bid b && b.auction() == out.auction() && b.bidder() == out.bidder()
          && b.dateTime() == out.dateTime() && b.channel().equals(out.channel()) && b.url().equals(out.url())
          && b.extra().equals(out.extra())
          && out.price() == (query == Query.Q1 ? NexmarkSemantics.toEuros(b.price()) : b.price())) {
        return n;
      }
    }
    return -1;
  }

  /** The next unmatched selected bid of that auction and price (the last one again once all were). */
  private long selectedEvent(AuctionPrice out) {
    List<Long> numbers = selected.get(out);
    if (numbers == null) {
      return -1;
    }
    int i = matched.merge(out, 1, Integer::sum) - 1;
    return numbers.get(Math.min(i, numbers.size() - 1));
  }

  /** The later append of the auction and its seller; -1 if either is not in the generation. */
  private long joinDue(LocalItem out, InputAppends appends) {
    long auctionEvent = auctionEvent(out.id());
    if (auctionEvent < 0 || !(generator.event(auctionEvent) instanceof Auction a)) {
      return -1;
    }
    long personEvent = personEvent(a.seller());
    if (personEvent < 0) {
      return -1;
    }
    long auctionAt = appends.appendOf(auctionEvent);
    long personAt = appends.appendOf(personEvent);
    return auctionAt < 0 || personAt < 0 ? -1 : Math.max(auctionAt, personAt);
  }

  /** The event number of an auction id (1 person, then 3 auctions, in each 50 events); -1 outside. */
  long auctionEvent(long id) {
    long base0 = id - FIRST_ID;
    long n = base0 / AUCTIONS * PROPORTION + 1 + base0 % AUCTIONS;
    return base0 < 0 || n >= config.events() || !(generator.event(n) instanceof Auction a) || a.id() != id ? -1 : n;
  }

  /** The event number of a person id; -1 outside the generation. */
  long personEvent(long id) {
    long base0 = id - FIRST_ID;
    long n = base0 * PROPORTION;
    return base0 < 0 || n >= config.events() || !(generator.event(n) instanceof Person p) || p.id() != id ? -1 : n;
  }
}
