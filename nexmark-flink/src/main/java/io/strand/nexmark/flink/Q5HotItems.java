package io.strand.nexmark.flink;

import io.strand.nexmark.model.Bid;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.results.HotItem;
import java.time.Duration;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Q5, hot items: bids counted per auction in sliding event-time windows (10 s, every 2 s; aligned
 * to the epoch), then, per window, the auctions with the highest count. Between the two, chained
 * to the window operator, each subtask passes on only the counts at or above the highest it has
 * seen for their window ({@link Q5WindowLeaders}, ties kept): the same partial leaders step as in
 * Strand's and Kafka Streams' q5, so the three plans stay equal (as q7's). The last step is keyed
 * by window start; the counts carry the window's last millisecond as timestamp and precede the
 * watermark that closed the window, so a timer at that millisecond fires once every count of the
 * window has arrived.
 */
final class Q5HotItems {

  private Q5HotItems() {
  }

  static DataStream<KeyedOutput> build(DataStream<Bid> bids) {
    return bids.keyBy(Bid::auction, Types.LONG)
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(NexmarkSemantics.Q5_WINDOW_MS),
            Duration.ofMillis(NexmarkSemantics.Q5_ADVANCE_MS)))
        .aggregate(new CountBids(), new WithWindow(), Types.LONG, Types.LONG, Types.POJO(HotItem.class))
        .name("q5-bids-per-auction")
        .process(new Q5WindowLeaders(NexmarkSemantics.Q5_WINDOW_MS)).name("q5-window-leaders")
        .keyBy(HotItem::windowStart, Types.LONG)
        .process(new Hottest()).name("q5-hottest");
  }

  /** Counts a window's bids. */
  static final class CountBids implements AggregateFunction<Bid, Long, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Bid bid, Long count) {
      return count + 1;
    }

    @Override
    public Long getResult(Long count) {
      return count;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  /** Adds the auction and the window to the count. */
  static final class WithWindow extends ProcessWindowFunction<Long, HotItem, Long, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(Long auction, Context ctx, Iterable<Long> counts, Collector<HotItem> out) {
      long count = counts.iterator().next();
      out.collect(new HotItem(auction, count, ctx.window().getStart(), ctx.window().getEnd()));
    }
  }

  /** Keyed by window start: keeps the counts equal to the highest so far, emits them at the window's end. */
  static final class Hottest extends KeyedProcessFunction<Long, HotItem, KeyedOutput> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<Long> highest;
    private transient ListState<HotItem> leaders;

    @Override
    public void open(OpenContext context) {
      highest = getRuntimeContext().getState(new ValueStateDescriptor<>("highest-count", Long.class));
      leaders = getRuntimeContext().getListState(new ListStateDescriptor<>("leaders", HotItem.class));
    }

    @Override
    public void processElement(HotItem item, Context ctx, Collector<KeyedOutput> out) throws Exception {
      Long max = highest.value();
      if (max == null || item.num() > max) {
        highest.update(item.num());
        leaders.clear();
        leaders.add(item);
        ctx.timerService().registerEventTimeTimer(item.windowEnd() - 1);
      } else if (item.num() == max) {
        leaders.add(item);
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedOutput> out) throws Exception {
      for (HotItem item : leaders.get()) {
        out.collect(KeyedOutput.of(item.auction(), item));
      }
      leaders.clear();
      highest.clear();
    }
  }
}
