package io.strand.nexmark.flink;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.query.results.CategoryAverage;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Q4, average closing price per category, in two keyed steps: auctions and bids joined on the
 * auction id ({@link ClosingPrices}: the highest bid in {@code [dateTime, expires]}, final when the
 * watermark passes {@code expires}), then a running count and sum per category
 * ({@link CategoryAverages}) that emits the category's new average on every closed auction.
 */
final class Q4AveragePrices {

  private Q4AveragePrices() {
  }

  /** An auction's final closing price. */
  record ClosingPrice(long auction, long category, long price) {
  }

  static DataStream<KeyedOutput> build(DataStream<Auction> auctions, DataStream<Bid> bids) {
    return auctions.keyBy(Auction::id, Types.LONG)
        .connect(bids.keyBy(Bid::auction, Types.LONG))
        .process(new ClosingPrices()).name("q4-closing-prices")
        .keyBy(ClosingPrice::category, Types.LONG)
        .process(new CategoryAverages()).name("q4-category-averages");
  }

  /**
   * Keyed by auction id. With the auction known, a bid in its interval raises the highest price; a
   * bid that arrives before its auction waits (the auction may still come, from another partition)
   * until the watermark passes the bid's time, after which an auction it could belong to would have
   * arrived: it is dropped then. An event-time timer at {@code expires} emits the closing price,
   * if any bid qualified, and clears the key.
   */
  static final class ClosingPrices extends KeyedCoProcessFunction<Long, Auction, Bid, ClosingPrice> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<Auction> auction;
    private transient ValueState<Long> highest;
    private transient ListState<Bid> early;

    @Override
    public void open(OpenContext context) {
      auction = getRuntimeContext().getState(new ValueStateDescriptor<>("auction", Auction.class));
      highest = getRuntimeContext().getState(new ValueStateDescriptor<>("highest-price", Long.class));
      early = getRuntimeContext().getListState(new ListStateDescriptor<>("bids-before-auction", Bid.class));
    }

    @Override
    public void processElement1(Auction a, Context ctx, Collector<ClosingPrice> out) throws Exception {
      auction.update(a);
      Iterable<Bid> waiting = early.get();
      if (waiting != null) {
        for (Bid bid : waiting) {
          offer(a, bid);
        }
      }
      early.clear();
      ctx.timerService().registerEventTimeTimer(a.expires());
    }

    @Override
    public void processElement2(Bid bid, Context ctx, Collector<ClosingPrice> out) throws Exception {
      Auction a = auction.value();
      if (a != null) {
        offer(a, bid);
      } else {
        early.add(bid);
        ctx.timerService().registerEventTimeTimer(bid.dateTime());
      }
    }

    private void offer(Auction a, Bid bid) throws Exception {
      if (bid.dateTime() >= a.dateTime() && bid.dateTime() <= a.expires()) {
        Long max = highest.value();
        if (max == null || bid.price() > max) {
          highest.update(bid.price());
        }
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ClosingPrice> out) throws Exception {
      Auction a = auction.value();
      if (a != null) {
        if (timestamp == a.expires()) {
          Long max = highest.value();
          if (max != null) {
            out.collect(new ClosingPrice(a.id(), a.category(), max));
          }
          auction.clear();
          highest.clear();
        }
        return;
      }
      // No auction (yet, or it closed already): bids up to the watermark can no longer find one.
      Iterable<Bid> waiting = early.get();
      if (waiting == null) {
        return;
      }
      List<Bid> keep = new ArrayList<>();
      for (Bid bid : waiting) {
        if (bid.dateTime() > timestamp) {
          keep.add(bid);
        }
      }
      early.update(keep);
    }
  }

  /** Keyed by category: the count and sum of the closed auctions, and their average after each. */
  static final class CategoryAverages extends KeyedProcessFunction<Long, ClosingPrice, KeyedOutput> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<Long> count;
    private transient ValueState<Long> sum;

    @Override
    public void open(OpenContext context) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("auctions", Long.class));
      sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Long.class));
    }

    @Override
    public void processElement(ClosingPrice price, Context ctx, Collector<KeyedOutput> out) throws Exception {
      long n = (count.value() == null ? 0 : count.value()) + 1;
      long total = (sum.value() == null ? 0 : sum.value()) + price.price();
      count.update(n);
      sum.update(total);
      out.collect(KeyedOutput.of(price.category(), CategoryAverage.of(price.category(), n, total)));
    }
  }
}
