package io.strand.nexmark.flink;

import io.strand.nexmark.model.Bid;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.results.BidderSession;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Q11, user sessions: per bidder, event-time session windows with a 10 s gap. Flink's session
 * window of a bid at {@code t} is {@code [t, t + gap)} and windows that touch merge, so two bids
 * share a session when their times differ by at most the gap, as {@code Query} says; a session's
 * last bid time is its window's end minus the gap.
 */
final class Q11Sessions {

  private Q11Sessions() {
  }

  static DataStream<KeyedOutput> build(DataStream<Bid> bids) {
    return bids.keyBy(Bid::bidder, Types.LONG)
        .window(EventTimeSessionWindows.withGap(Duration.ofMillis(NexmarkSemantics.Q11_GAP_MS)))
        .aggregate(new Q5HotItems.CountBids(), new EmitSession(), Types.LONG, Types.LONG, TypeInformation.of(KeyedOutput.class))
        .name("q11-sessions");
  }

  /** The session's count with its bidder and times. */
  static final class EmitSession extends ProcessWindowFunction<Long, KeyedOutput, Long, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(Long bidder, Context ctx, Iterable<Long> counts, Collector<KeyedOutput> out) {
      TimeWindow w = ctx.window();
      out.collect(KeyedOutput.of(bidder, new BidderSession(bidder, counts.iterator().next(), w.getStart(),
          w.getEnd() - NexmarkSemantics.Q11_GAP_MS)));
    }
  }
}
