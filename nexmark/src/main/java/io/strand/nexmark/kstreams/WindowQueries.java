package io.strand.nexmark.kstreams;

import static io.strand.nexmark.kstreams.KStreamsTopologies.BID_INPUT;
import static io.strand.nexmark.kstreams.KStreamsTopologies.KEYS;
import static io.strand.nexmark.kstreams.KStreamsTopologies.MARKER_KEY;
import static io.strand.nexmark.kstreams.KStreamsTopologies.bids;
import static io.strand.nexmark.kstreams.KStreamsTopologies.output;
import static io.strand.nexmark.kstreams.KStreamsTopologies.retention;

import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.NexmarkTopics;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.BidderSession;
import io.strand.nexmark.query.results.HighestBid;
import io.strand.nexmark.query.results.HotItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Q5, Q7 and Q11: the windowed aggregations, final results only ({@link EmitStrategy#onWindowClose()}),
 * grace the watermark lag where a window reads input partitions in event-time order.
 *
 * <p>Q5 and Q7 take a maximum over all auctions of a window, so they aggregate twice: per auction
 * and window in the input's own sub-topology (bids are keyed by auction: no repartition), then the
 * final per-auction results, keyed and timestamped by their window start, through a one-partition
 * {@link Exchange} into a per-window aggregation. That second aggregation reads the upstream tasks
 * merged in window order, so its window for start {@code s} closes (grace 0) once every upstream
 * task has sent a later window or its end-of-input marker: no result is missed.
 *
 * <p>A marker enters the first aggregation (its own windows, at the latest time, never close) to
 * close every other window, and also goes on to the exchange itself, after the results it released
 * (children run in the order they are added, and emit-final results are forwarded synchronously).
 */
final class WindowQueries {

  private static final Duration LAG = Duration.ofMillis(NexmarkSemantics.WATERMARK_LAG_MS);

  private WindowQueries() {
  }

  /** Q5, hot items: bids per auction per hopping window, then the auctions with the most per window. */
  static void q5(StreamsBuilder builder, Exchange exchange) {
    Serde<HotItem> itemSerde = JsonSerde.of(HotItem.class);
    KStream<String, Bid> bids = bids(builder);
    KStream<String, HotItem> counts = bids
        .groupByKey(Grouped.with(KEYS, BID_INPUT))
        .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(NexmarkSemantics.Q5_WINDOW_MS), LAG)
            .advanceBy(Duration.ofMillis(NexmarkSemantics.Q5_ADVANCE_MS)))
        .emitStrategy(EmitStrategy.onWindowClose())
        .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>with(KEYS, Serdes.Long())
            .withRetention(retention(NexmarkSemantics.Q5_WINDOW_MS)))
        .toStream()
        .map((w, n) -> KeyValue.pair(Long.toString(w.window().start()),
            new HotItem(Long.parseLong(w.key()), n, w.window().start(), w.window().end())));
    KStream<String, HotItem> markers = bids.filter((k, b) -> b.isEndMarker())
        .map((k, b) -> KeyValue.pair(MARKER_KEY, new HotItem(Event.END_MARKER_ID, 0, b.dateTime(), b.dateTime())));
    KStream<String, HotItem> perWindow = exchange.through(builder,
        counts.merge(markers).processValues(() -> new Retime<>(HotItem::windowStart)), "auction-counts", 1, itemSerde,
        item -> item.auction() == Event.END_MARKER_ID);
    KStream<String, HotItem> hot = perWindow
        .groupByKey(Grouped.with(KEYS, itemSerde))
        .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(NexmarkSemantics.Q5_ADVANCE_MS)))
        .emitStrategy(EmitStrategy.onWindowClose())
        .aggregate(HotItems::empty, (start, item, top) -> top.with(item),
            Materialized.<String, HotItems, WindowStore<Bytes, byte[]>>with(KEYS, JsonSerde.of(HotItems.class))
                .withRetention(retention(NexmarkSemantics.Q5_ADVANCE_MS)))
        .toStream()
        .filter((w, top) -> !MARKER_KEY.equals(w.key()))
        .flatMap((w, top) -> top.items().stream().map(i -> KeyValue.pair(Long.toString(i.auction()), i)).toList());
    output(hot, Query.Q5, HotItem.class);
  }

  /**
   * Q5's per-window aggregate: the auctions with the highest count so far.
   *
   * @param num the highest count
   * @param items the auctions with it
   */
  record HotItems(long num, List<HotItem> items) {

    static HotItems empty() {
      return new HotItems(-1, List.of());
    }

    HotItems with(HotItem item) {
      if (item.num() > num) {
        return new HotItems(item.num(), List.of(item));
      }
      if (item.num() < num) {
        return this;
      }
      List<HotItem> more = new ArrayList<>(items);
      more.add(item);
      return new HotItems(num, more);
    }
  }

  /** Q7, highest bid: the highest-priced bids per auction and tumbling window, then per window. */
  static void q7(StreamsBuilder builder, Exchange exchange) {
    Duration size = Duration.ofMillis(NexmarkSemantics.Q7_WINDOW_MS);
    Serde<TopBids> topSerde = JsonSerde.of(TopBids.class);
    KStream<String, Bid> bids = bids(builder);
    KStream<String, TopBids> perAuction = bids
        .groupByKey(Grouped.with(KEYS, BID_INPUT))
        .windowedBy(TimeWindows.ofSizeAndGrace(size, LAG))
        .emitStrategy(EmitStrategy.onWindowClose())
        .aggregate(TopBids::empty, (auction, bid, top) -> top.with(bid), windowStore(topSerde))
        .toStream()
        .map((w, top) -> KeyValue.pair(Long.toString(w.window().start()), top.at(w.window().start())));
    KStream<String, TopBids> markers = bids.filter((k, b) -> b.isEndMarker())
        .map((k, b) -> KeyValue.pair(MARKER_KEY, new TopBids(Event.END_MARKER_ID, b.dateTime(), List.of())));
    KStream<String, TopBids> perWindow = exchange.through(builder,
        perAuction.merge(markers).processValues(() -> new Retime<>(TopBids::time)), "auction-top-bids", 1, topSerde,
        top -> top.price() == Event.END_MARKER_ID);
    KStream<String, HighestBid> highest = perWindow
        .groupByKey(Grouped.with(KEYS, topSerde))
        .windowedBy(TimeWindows.ofSizeWithNoGrace(size))
        .emitStrategy(EmitStrategy.onWindowClose())
        .aggregate(TopBids::empty, (start, top, all) -> all.merge(top), windowStore(topSerde))
        .toStream()
        .filter((w, top) -> !MARKER_KEY.equals(w.key()))
        .flatMap((w, top) -> top.bids().stream().map(b -> KeyValue.pair(Long.toString(b.auction()),
            new HighestBid(b.auction(), b.price(), b.bidder(), b.dateTime(), b.extra(), w.window().start(),
                w.window().end()))).toList());
    output(highest, Query.Q7, HighestBid.class);
  }

  private static Materialized<String, TopBids, WindowStore<Bytes, byte[]>> windowStore(Serde<TopBids> serde) {
    return Materialized.<String, TopBids, WindowStore<Bytes, byte[]>>with(KEYS, serde)
        .withRetention(retention(NexmarkSemantics.Q7_WINDOW_MS));
  }

  /**
   * Q7's aggregate: the bids with the highest price so far.
   *
   * @param price the highest price, or -1 before any bid (and in a marker)
   * @param time the window start once a per-auction result (its exchange timestamp), or a
   *     marker's time; 0 within an aggregation
   * @param bids the bids with that price
   */
  record TopBids(long price, long time, List<Bid> bids) {

    static TopBids empty() {
      return new TopBids(-1, 0, List.of());
    }

    TopBids with(Bid bid) {
      return merge(new TopBids(bid.price(), 0, List.of(bid)));
    }

    TopBids merge(TopBids other) {
      if (other.price > price) {
        return new TopBids(other.price, time, other.bids);
      }
      if (other.price < price || other.bids.isEmpty()) {
        return this;
      }
      List<Bid> more = new ArrayList<>(bids);
      more.addAll(other.bids);
      return new TopBids(price, time, more);
    }

    TopBids at(long windowStart) {
      return new TopBids(price, windowStart, bids);
    }
  }

  /**
   * Q11, user sessions: bids re-keyed by bidder through an {@link Exchange} (8 partitions), then
   * session windows with a 10 s inactivity gap and the lag as grace, counted, final results only.
   */
  static void q11(StreamsBuilder builder, Exchange exchange) {
    KStream<String, Bid> byBidder = exchange.through(builder,
        bids(builder).selectKey((k, b) -> Long.toString(b.bidder())), "bid-by-bidder", NexmarkTopics.PARTITIONS,
        BID_INPUT, Bid::isEndMarker);
    KStream<String, BidderSession> sessions = byBidder
        .groupByKey(Grouped.with(KEYS, BID_INPUT))
        .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(NexmarkSemantics.Q11_GAP_MS), LAG))
        .emitStrategy(EmitStrategy.onWindowClose())
        .count(Materialized.<String, Long, SessionStore<Bytes, byte[]>>with(KEYS, Serdes.Long())
            .withRetention(retention(NexmarkSemantics.Q11_GAP_MS)))
        .toStream()
        .filter((w, n) -> !MARKER_KEY.equals(w.key()) && n != null)
        .map((w, n) -> KeyValue.pair(w.key(),
            new BidderSession(Long.parseLong(w.key()), n, w.window().start(), w.window().end())));
    output(sessions, Query.Q11, BidderSession.class);
  }
}
