package io.strand.nexmark.flink;

import io.strand.nexmark.model.Bid;
import io.strand.nexmark.query.WindowHighest;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Q7's first step in one subtask, the same step as Strand's and Kafka Streams' (each engine's
 * {@code WindowLeadersFilter}), so the three engines' q7 plans are equal: passes on
 * every bid at or above the highest price this subtask has seen in its tumbling window so far, and
 * drops the others, which can never be a window's highest bid. The keyed window after it then
 * receives only the candidates instead of every bid. Chained to the source, so it adds no exchange.
 *
 * <p>Late bids (their window's end at or below the watermark) pass unchanged: the window operator
 * drops them as it did before this step. The highest prices are plain fields, not Flink state: a
 * restarted subtask passes on more bids until it has seen its windows' leaders again, which the
 * window's aggregate drops, so the results do not depend on them. Memory: one entry per window open
 * in the subtask; windows the watermark has closed are removed when it advances.
 */
final class Q7WindowLeaders extends ProcessFunction<Bid, Bid> {
  private static final long serialVersionUID = 1L;

  private final long sizeMs;
  /** Each window's highest price passed on so far. */
  private final WindowHighest highest;

  /**
   * @param sizeMs the tumbling window's size, ms (windows aligned to the epoch)
   */
  Q7WindowLeaders(long sizeMs) {
    this.sizeMs = sizeMs;
    this.highest = new WindowHighest(sizeMs);
  }

  @Override
  public void processElement(Bid bid, Context ctx, Collector<Bid> out) {
    long watermark = ctx.timerService().currentWatermark();
    long start = TimeWindow.getWindowStartWithOffset(bid.dateTime(), 0, sizeMs);
    if (start + sizeMs <= watermark) {
      out.collect(bid); // late: the window operator decides, as without this step
      return;
    }
    highest.forgetEndedBy(watermark);
    if (!highest.admit(start, bid.price())) {
      return;
    }
    out.collect(bid);
  }
}
