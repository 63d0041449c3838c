package io.strand.nexmark.kstreams;

import static io.strand.nexmark.kstreams.KStreamsTopologies.BID_INPUT;
import static io.strand.nexmark.kstreams.KStreamsTopologies.KEYS;
import static io.strand.nexmark.kstreams.KStreamsTopologies.MARKER_KEY;
import static io.strand.nexmark.kstreams.KStreamsTopologies.bids;
import static io.strand.nexmark.kstreams.KStreamsTopologies.output;

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
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;

/**
 * Q5, Q7 and Q11: the windowed aggregations, final results only
 * ({@code suppress(untilWindowCloses)}), grace the watermark lag where a window reads input
 * partitions in event-time order.
 *
 * <p>Q5 and Q7 take a maximum over all auctions of a window, so they pass each task's candidates
 * for it through a one-partition {@link Exchange} into a per-window aggregation, keyed by the
 * window's start. Q5 counts per auction and window first, in the input's own sub-topology (bids are
 * keyed by auction: no repartition), and sends the final counts, timestamped by their window start;
 * that aggregation reads the upstream tasks merged in window order, so its window for start
 * {@code s} closes (grace 0) once every upstream task has sent a later window or its end-of-input
 * marker: no result is missed. Q7 needs no per-auction step: each task filters its bids
 * ({@link WindowLeadersFilter}) and sends them with their own event time, in order per upstream
 * task, into an aggregation with the lag as grace.
 *
 * <p>In Q5 a marker enters the first aggregation (its own windows, at the latest time, never
 * close), which closes every other window, and follows the results it released to the exchange
 * ({@link #markerUpdates}); in Q7 it passes the filter. Either way the per-window aggregation's
 * marker windows never close, and the markers of all upstream tasks close every other window.
 *
 * <p>Why suppression rather than {@code EmitStrategy.onWindowClose()}: with the store cache on,
 * Kafka Streams 4.4's first emit-final scan of a task walks every cache segment from time 0 to
 * the first closed window, tens of millions of them for epoch timestamps, which stalls the task
 * for many minutes.
 */
final class WindowQueries {

  private static final Duration LAG = Duration.ofMillis(NexmarkSemantics.WATERMARK_LAG_MS);

  private WindowQueries() {
  }

  /**
   * Q5, hot items: bids per auction per hopping window; in the same task, only the counts at or
   * above the highest the task has seen for their window ({@link CountLeadersFilter}, the same
   * partial leaders step as Strand's and Flink's q5); then, through the exchange, the auctions with
   * the most per window.
   */
  static void q5(StreamsBuilder builder, Exchange exchange) {
    Serde<HotItem> itemSerde = JsonSerde.of(HotItem.class);
    KTable<Windowed<String>, Long> counts = bids(builder)
        .groupByKey(Grouped.with(KEYS, BID_INPUT))
        .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(NexmarkSemantics.Q5_WINDOW_MS), LAG)
            .advanceBy(Duration.ofMillis(NexmarkSemantics.Q5_ADVANCE_MS)))
        .count(Materialized.with(KEYS, Serdes.Long()));
    KStream<String, HotItem> finals = counts
        .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
        .toStream()
        .map((w, n) -> KeyValue.pair(Long.toString(w.window().start()),
            new HotItem(Long.parseLong(w.key()), n, w.window().start(), w.window().end())))
        .processValues(() -> new Retime<>(HotItem::windowStart))
        .processValues(() -> new CountLeadersFilter(NexmarkSemantics.Q5_WINDOW_MS, LAG.toMillis()));
    KStream<String, HotItem> markers = markerUpdates(counts)
        .mapValues(n -> new HotItem(Event.END_MARKER_ID, 0, 0, 0));
    KStream<String, HotItem> perWindow = exchange.through(builder, finals.merge(markers), "auction-counts", 1,
        itemSerde, item -> item.auction() == Event.END_MARKER_ID);
    KStream<String, HotItem> hot = perWindow
        .groupByKey(Grouped.with(KEYS, itemSerde))
        .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(NexmarkSemantics.Q5_ADVANCE_MS)))
        .aggregate(HotItems::empty, (start, item, top) -> top.with(item),
            Materialized.with(KEYS, JsonSerde.of(HotItems.class)))
        .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
        .toStream()
        .filter((w, top) -> !MARKER_KEY.equals(w.key()))
        .flatMap((w, top) -> top.items().stream().map(i -> KeyValue.pair(Long.toString(i.auction()), i)).toList());
    output(hot, Query.Q5, HotItem.class);
  }

  /**
   * The updates of a per-auction window aggregation that an end-of-input marker made (key
   * {@code "-1"}, at the marker's time), re-keyed {@code "-1"}: the marker itself, on its way to
   * the exchange. The aggregation's cache forwards them last (they are its newest entries), each
   * first to the suppression, defined before this branch, which releases every window the marker
   * closed before the marker follows them to the exchange.
   */
  private static <V> KStream<String, V> markerUpdates(KTable<Windowed<String>, V> windows) {
    return windows.toStream()
        .filter((w, v) -> MARKER_KEY.equals(w.key()))
        .selectKey((w, v) -> MARKER_KEY);
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

  /**
   * Q7, highest bid: in the input's own task, only the bids at or above the highest price the task
   * has seen in their tumbling window ({@link WindowLeadersFilter}, the same step as Strand's and
   * Flink's q7), keyed by the window's start; then, through the exchange, per window the highest
   * price and its ties, with the lag as grace (the exchange keeps each upstream task's bids in
   * event-time order, so nothing is late), final results only.
   */
  static void q7(StreamsBuilder builder, Exchange exchange) {
    Duration size = Duration.ofMillis(NexmarkSemantics.Q7_WINDOW_MS);
    // Not BID_INPUT: the exchange's records are not input, EndOfInput counts only the input's markers.
    Serde<Bid> bidSerde = JsonSerde.of(Bid.class);
    KStream<String, Bid> candidates = bids(builder)
        .process(() -> new WindowLeadersFilter(size.toMillis(), LAG.toMillis()));
    KStream<String, Bid> perWindow = exchange.through(builder, candidates, "window-bids", 1, bidSerde,
        Bid::isEndMarker);
    KStream<String, HighestBid> highest = perWindow
        .groupByKey(Grouped.with(KEYS, bidSerde))
        .windowedBy(TimeWindows.ofSizeAndGrace(size, LAG))
        .aggregate(TopBids::empty, (start, bid, top) -> top.with(bid),
            Materialized.with(KEYS, JsonSerde.of(TopBids.class)))
        .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
        .toStream()
        .filter((w, top) -> !MARKER_KEY.equals(w.key()))
        .flatMap((w, top) -> top.bids().stream().map(b -> KeyValue.pair(Long.toString(b.auction()),
            new HighestBid(b.auction(), b.price(), b.bidder(), b.dateTime(), b.extra(), w.window().start(),
                w.window().end()))).toList());
    output(highest, Query.Q7, HighestBid.class);
  }

  /**
   * Q7's aggregate: the bids with the highest price so far.
   *
   * @param price the highest price, or -1 before any bid
   * @param bids the bids with that price
   */
  record TopBids(long price, List<Bid> bids) {

    static TopBids empty() {
      return new TopBids(-1, List.of());
    }

    TopBids with(Bid bid) {
      if (bid.price() > price) {
        return new TopBids(bid.price(), List.of(bid));
      }
      if (bid.price() < price) {
        return this;
      }
      List<Bid> more = new ArrayList<>(bids);
      more.add(bid);
      return new TopBids(price, more);
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
        .count(Materialized.with(KEYS, Serdes.Long()))
        .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
        .toStream()
        .filter((w, n) -> !MARKER_KEY.equals(w.key()) && n != null)
        .map((w, n) -> KeyValue.pair(w.key(),
            new BidderSession(Long.parseLong(w.key()), n, w.window().start(), w.window().end())));
    output(sessions, Query.Q11, BidderSession.class);
  }
}
