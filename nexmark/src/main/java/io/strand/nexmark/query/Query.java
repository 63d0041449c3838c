package io.strand.nexmark.query;

import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.NexmarkTopics;
import io.strand.nexmark.query.results.AuctionPrice;
import io.strand.nexmark.query.results.BidderSession;
import io.strand.nexmark.query.results.CategoryAverage;
import io.strand.nexmark.query.results.HighestBid;
import io.strand.nexmark.query.results.HotItem;
import io.strand.nexmark.query.results.LocalItem;
import io.strand.nexmark.query.results.NewUser;
import java.util.List;
import java.util.Locale;

/**
 * The Nexmark queries every engine implements, and exactly what each computes, so that the
 * engines' final results can be compared as multisets ({@code NexmarkResults}).
 *
 * <h2>Rules for every query and engine</h2>
 * <ul>
 *   <li><b>Inputs</b>: the topics of {@link NexmarkTopics}, read from the earliest offset; keys are
 *       decimal id strings, values JSON ({@code io.strand.nexmark.model.NexmarkJson}).</li>
 *   <li><b>Event time</b> is the event's {@code dateTime} (equal to the Kafka record timestamp).
 *       Watermark: per input partition the highest event time seen minus
 *       {@link NexmarkSemantics#WATERMARK_LAG_MS} (2 s, bounded out-of-orderness); an operator's
 *       watermark is the minimum over the partitions feeding it (Flink and Strand). Kafka Streams,
 *       which has stream time instead, uses a grace of the same 2 s. Allowed lateness is 0: a
 *       window's result is final when the watermark passes its end. Within each input partition
 *       event time never decreases, so no engine may drop a record as late; the expected results
 *       count every event. <b>No idleness</b>: no partition may stop holding the watermark back for
 *       lack of records (Flink: no {@code withIdleness}; Strand: {@code streams.watermark.idle.timeout.ms}
 *       longer than the run), because every partition has records up to its end marker; on a
 *       loaded machine an idle timeout turns a starved partition's (or repartition topic's)
 *       records late.</li>
 *   <li><b>Windows</b> are aligned to the epoch: a tumbling or hopping window is
 *       {@code [start, start + size)} with {@code start} a multiple of the advance (the size for
 *       tumbling). Results carry {@code windowStart}/{@code windowEnd} in ms.</li>
 *   <li><b>Final results only</b>: windowed queries emit one result per window and key when the
 *       window closes (suppress / emit-final), never partial ones.</li>
 *   <li><b>End of input</b>: after the last event the generator writes one end-of-input marker to
 *       every partition of every input topic ({@code Event.isEndMarker()}: its id fields are -1,
 *       its {@code extra} is {@code "nexmark-end-of-input"}), with an event time 60 s after every
 *       event time and auction expiry. An engine drops markers right after reading them (they
 *       never reach an operator's state or an output) but lets them advance the partition's
 *       event-time clock, so every window and every pending auction closes. Kafka Streams, whose
 *       stream time moves only with records that reach an operator, must carry the markers through
 *       its repartition topics to every partition (e.g. a multicasting {@code StreamPartitioner})
 *       and drop them at the end. A run is complete when the engine's output no longer grows after
 *       it has read every marker (the harness's rule).</li>
 *   <li><b>Outputs</b>: topic {@code nexmark-q<N>-<engine>} ({@link #outputTopic}), created by the
 *       harness beforehand with 8 partitions and {@code retention.ms=-1}; key as stated per query
 *       (a decimal id string); value the result record's JSON. For a {@link ResultKind#STREAM}
 *       query the comparison is the multiset of values; for a {@link ResultKind#TABLE} query it
 *       is the last value per key (a null value deletes the key), so engines may emit updates.</li>
 * </ul>
 *
 * <p>Results are the JSON records of {@code io.strand.nexmark.query.results} (Q0 and Q1 write
 * {@link Bid}s).
 */
public enum Query {

  /**
   * Pass-through: every bid, unchanged. Input: bids. Key: the auction id. Value: the {@link Bid}.
   */
  Q0(List.of(NexmarkTopics.BID), Bid.class, ResultKind.STREAM),

  /**
   * Currency conversion: every bid with its price converted from dollars to euros:
   * {@code price' = (price * 908 + 500) / 1000} in long arithmetic (0.908 per dollar, rounded half
   * up; prices are never negative), other fields unchanged. Input: bids. Key: the auction id.
   * Value: the {@link Bid} with the new price.
   */
  Q1(List.of(NexmarkTopics.BID), Bid.class, ResultKind.STREAM),

  /**
   * Selection: the bids whose {@code auction % 123 == 0}. Input: bids. Key: the auction id. Value:
   * {@link AuctionPrice} (auction, price).
   */
  Q2(List.of(NexmarkTopics.BID), AuctionPrice.class, ResultKind.STREAM),

  /**
   * Local item suggestion: every pair of an auction with {@code category == 10} and its seller,
   * a person with {@code state} in OR, ID or CA ({@code auction.seller == person.id}), whatever
   * the order in which the two arrive (a table-table join: sellers may register after their
   * auction). Inputs: persons, auctions. Key: the auction id. Value: {@link LocalItem} (the
   * person's name, city, state and the auction id). Compared as a table.
   */
  Q3(List.of(NexmarkTopics.PERSON, NexmarkTopics.AUCTION), LocalItem.class, ResultKind.TABLE),

  /**
   * Average price per category: an auction's closing price is the highest price among the bids
   * with {@code bid.auction == auction.id} and {@code auction.dateTime <= bid.dateTime <=
   * auction.expires} (by event time, whatever the arrival order); auctions with no such bid have
   * none and are left out. Per category: the number of auctions with a closing price, the sum and
   * {@code (double) sum / count}. Inputs: auctions, bids. Key: the category id. Value:
   * {@link CategoryAverage}. Compared as a table: an engine may emit an update whenever a closing
   * price changes or becomes final (e.g. once the watermark passes {@code expires}).
   */
  Q4(List.of(NexmarkTopics.AUCTION, NexmarkTopics.BID), CategoryAverage.class, ResultKind.TABLE),

  /**
   * Hot items: per hopping window of 10 s advancing by 2 s, the number of bids per auction; for
   * each window, every auction whose count equals the window's highest count (ties: all of them).
   * Input: bids. Key: the auction id. Value: {@link HotItem}.
   */
  Q5(List.of(NexmarkTopics.BID), HotItem.class, ResultKind.STREAM),

  /**
   * Highest bid: per tumbling window of 10 s, every bid whose price equals the window's highest
   * price (ties: all of them). Input: bids. Key: the auction id. Value: {@link HighestBid}.
   */
  Q7(List.of(NexmarkTopics.BID), HighestBid.class, ResultKind.STREAM),

  /**
   * New users: per tumbling window of 10 s, every person who registered in the window
   * ({@code person.dateTime} in it) and opened at least one auction in the same window
   * ({@code auction.seller == person.id}, {@code auction.dateTime} in it): one result per person
   * and window however many auctions. Inputs: persons, auctions. Key: the person id. Value:
   * {@link NewUser}.
   */
  Q8(List.of(NexmarkTopics.PERSON, NexmarkTopics.AUCTION), NewUser.class, ResultKind.STREAM),

  /**
   * User sessions: per bidder, session windows with an inactivity gap of 10 s: two bids of a
   * bidder are in one session when their times differ by at most 10 000 ms, transitively (a bid
   * at {@code t} joins a session {@code [s, e]} when {@code s - 10000 <= t <= e + 10000}, and may
   * merge two). Per closed session: the number of bids, the first and the last bid time. Input:
   * bids. Key: the bidder id. Value: {@link BidderSession}.
   */
  Q11(List.of(NexmarkTopics.BID), BidderSession.class, ResultKind.STREAM);

  /** The engines' names, as used in output topics and on the command line. */
  public static final List<String> ENGINES = List.of("strand", "kstreams", "flink");

  private final List<String> inputs;
  private final Class<?> resultType;
  private final ResultKind kind;

  Query(List<String> inputs, Class<?> resultType, ResultKind kind) {
    this.inputs = inputs;
    this.resultType = resultType;
    this.kind = kind;
  }

  /**
   * The input topics the query reads.
   *
   * @return topic names
   */
  public List<String> inputs() {
    return inputs;
  }

  /**
   * The record class of the output values.
   *
   * @return the class
   */
  public Class<?> resultType() {
    return resultType;
  }

  /**
   * How outputs are compared.
   *
   * @return the kind
   */
  public ResultKind kind() {
    return kind;
  }

  /**
   * The query's name in lower case, as in topics and on the command line.
   *
   * @return e.g. {@code q5}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The output topic of an engine.
   *
   * @param engine one of {@link #ENGINES}
   * @return {@code nexmark-q<N>-<engine>}
   * @throws IllegalArgumentException if the engine is not one of {@link #ENGINES}
   */
  public String outputTopic(String engine) {
    if (!ENGINES.contains(engine)) {
      throw new IllegalArgumentException("engine must be one of " + ENGINES + ", got '" + engine + "'");
    }
    return "nexmark-" + id() + "-" + engine;
  }

  /**
   * The query of a name.
   *
   * @param name e.g. {@code q5} or {@code Q5}
   * @return the query
   * @throws IllegalArgumentException if no query has that name (the message lists them)
   */
  public static Query of(String name) {
    for (Query q : values()) {
      if (q.name().equalsIgnoreCase(name.trim())) {
        return q;
      }
    }
    throw new IllegalArgumentException("no Nexmark query '" + name + "'; known: " + List.of(values()));
  }

  /** How an output topic is read for the comparison. */
  public enum ResultKind {
    /** Every record counts: the multiset of values. */
    STREAM,
    /** A changelog: the last value per key (null deletes), as key-value pairs. */
    TABLE
  }
}
