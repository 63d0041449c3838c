package io.strand.nexmark.strand;

import io.strand.nexmark.model.Bid;
import io.strand.nexmark.query.WindowHighest;
import io.strand.nexmark.query.results.HighestBid;
import io.strand.streams.Processor;
import io.strand.streams.ProcessorContext;
import java.util.List;

/**
 * Q7's first step in one task: passes on, keyed by its tumbling window's start, every bid that is
 * at or above the highest price this task has seen in that window so far (as a one-bid
 * {@link HighestBids}), and drops the others, which can never be a window's highest bid. The
 * windowed merge after the repartition ({@link Q7HighestBid}) then keeps the highest price and its
 * ties, as Flink's query's accumulator does per bid. The step is the same in all three engines:
 * Flink's {@code Q7WindowLeaders}, Kafka Streams' {@code kstreams.WindowLeadersFilter}.
 *
 * <p>Why no store: the highest prices seen are only a filter. A task that restarts forgets them and
 * passes on more bids until it has seen its window's leaders again; the merge drops the extra
 * ones. A bid is dropped only when a higher one of the same window was passed on before it by this
 * task, so the results do not depend on what was forgotten. Bids whose window this task's
 * watermark has closed are dropped as late, as the windowed aggregate drops them (no grace).
 *
 * <p>Memory: one entry per window open in the task (the watermark removes closed ones). Threading:
 * one instance per task, on the task's thread.
 */
final class WindowLeadersFilter implements Processor<String, Bid, String, HighestBids> {

  private final long sizeMs;
  /** Each window's highest price passed on so far. */
  private final WindowHighest highest;
  private ProcessorContext<String, HighestBids> context;

  /**
   * @param sizeMs the tumbling window's size, ms (windows aligned to the epoch, as {@code TimeWindows})
   */
  WindowLeadersFilter(long sizeMs) {
    this.sizeMs = sizeMs;
    this.highest = new WindowHighest(sizeMs);
  }

  @Override
  public void init(ProcessorContext<String, HighestBids> context) {
    this.context = context;
  }

  @Override
  public void process(String auction, Bid bid) {
    long time = context.timestamp();
    long start = time - Math.floorMod(time, sizeMs);
    long end = start + sizeMs;
    if (end <= context.watermark()) {
      return; // late: the window is closed here
    }
    if (!highest.admit(start, bid.price())) {
      return;
    }
    context.forward(Long.toString(start), new HighestBids(bid.price(), List.of(
        new HighestBid(bid.auction(), bid.price(), bid.bidder(), bid.dateTime(), bid.extra(), start, end))));
  }

  @Override
  public void onWatermark(long watermarkMs) {
    highest.forgetEndedBy(watermarkMs);
  }
}
