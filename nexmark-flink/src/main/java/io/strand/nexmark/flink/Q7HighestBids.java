package io.strand.nexmark.flink;

import io.strand.nexmark.model.Bid;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.results.HighestBid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Q7, highest bid: per tumbling event-time window of 10 s (aligned to the epoch), every bid with
 * the window's highest price. Bids are keyed by their window's start, so one key holds one window;
 * the accumulator keeps only the bids tied at the highest price so far. Before the exchange,
 * {@link Q7WindowLeaders} passes on only the bids that can still lead their window in their
 * subtask, the same plan as Strand's and Kafka Streams' q7 (a per-task filter, then one exchange
 * by window): the step is the same in all three engines.
 */
final class Q7HighestBids {

  private Q7HighestBids() {
  }

  static DataStream<KeyedOutput> build(DataStream<Bid> bids) {
    long size = NexmarkSemantics.Q7_WINDOW_MS;
    TypeInformation<List<Bid>> top = new TypeHint<List<Bid>>() { }.getTypeInfo();
    return bids.process(new Q7WindowLeaders(size)).name("q7-window-leaders")
        .keyBy(b -> TimeWindow.getWindowStartWithOffset(b.dateTime(), 0, size), Types.LONG)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(size)))
        .aggregate(new HighestPrice(), new EmitHighest(), top, top,
            TypeInformation.of(KeyedOutput.class))
        .name("q7-highest-bids");
  }

  /** The bids at the highest price so far (all of one price). */
  static final class HighestPrice implements AggregateFunction<Bid, List<Bid>, List<Bid>> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Bid> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<Bid> add(Bid bid, List<Bid> top) {
      if (top.isEmpty() || bid.price() > top.get(0).price()) {
        top.clear();
        top.add(bid);
      } else if (bid.price() == top.get(0).price()) {
        top.add(bid);
      }
      return top;
    }

    @Override
    public List<Bid> getResult(List<Bid> top) {
      return top;
    }

    @Override
    public List<Bid> merge(List<Bid> a, List<Bid> b) {
      for (Bid bid : b) {
        add(bid, a);
      }
      return a;
    }
  }

  /** One result per top bid, with the window. */
  static final class EmitHighest extends ProcessWindowFunction<List<Bid>, KeyedOutput, Long, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(Long start, Context ctx, Iterable<List<Bid>> tops, Collector<KeyedOutput> out) {
      TimeWindow w = ctx.window();
      for (Bid b : tops.iterator().next()) {
        out.collect(KeyedOutput.of(b.auction(),
            new HighestBid(b.auction(), b.price(), b.bidder(), b.dateTime(), b.extra(), w.getStart(), w.getEnd())));
      }
    }
  }
}
