package io.strand.nexmark.kstreams;

import io.strand.nexmark.model.Bid;
import io.strand.nexmark.query.WindowHighest;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Q7's first step in one task, the same step as Strand's {@code WindowLeadersFilter} and Flink's
 * {@code Q7WindowLeaders}: passes on, re-keyed by its tumbling window's start, every bid at or above
 * the highest price this task has passed on in that window so far (ties kept), and drops the
 * others, which can never be their window's highest bid. The windowed aggregate after the
 * {@link Exchange} then receives only the candidates instead of every bid. End-of-input markers
 * always pass, keyed {@link KStreamsTopologies#MARKER_KEY}.
 *
 * <p>The highest prices are plain fields, not a store: a bid is dropped only when a higher one of
 * the same window went before it into the same exchange partition. A restarted task, or one whose
 * entry for the window was already removed, passes on more bids, never fewer; the aggregate drops
 * the extra ones, so the results do not depend on what was forgotten. Late bids pass unchanged:
 * the windowed aggregate decides, as it would without this step.
 *
 * <p>Memory: Kafka Streams has no watermark; the task's stream time less the grace stands for it,
 * the point where a windowed aggregate with that grace forgets a window. When it has advanced,
 * windows whose end it reached are removed, which leaves one entry per window still open in the
 * task. Record timestamps are the bids' event times ({@link EventTimeExtractor}); the bid keeps
 * its own. Threading: one instance per task, on the task's thread.
 */
final class WindowLeadersFilter implements Processor<String, Bid, String, Bid> {

  private final long sizeMs;
  private final long graceMs;
  /** Each window's highest price passed on so far. */
  private final WindowHighest highest;
  private ProcessorContext<String, Bid> context;

  /**
   * @param sizeMs the tumbling window's size, ms (windows aligned to the epoch, as {@code TimeWindows})
   * @param graceMs the grace of the windowed aggregate after the exchange, ms
   */
  WindowLeadersFilter(long sizeMs, long graceMs) {
    this.sizeMs = sizeMs;
    this.graceMs = graceMs;
    this.highest = new WindowHighest(sizeMs);
  }

  @Override
  public void init(ProcessorContext<String, Bid> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Bid> record) {
    Bid bid = record.value();
    if (bid.isEndMarker()) {
      context.forward(record.withKey(KStreamsTopologies.MARKER_KEY));
      return;
    }
    long start = record.timestamp() - Math.floorMod(record.timestamp(), sizeMs);
    long watermark = context.currentStreamTimeMs() - graceMs;
    if (start + sizeMs <= watermark) {
      context.forward(record.withKey(Long.toString(start))); // late: the aggregate decides
      return;
    }
    highest.forgetEndedBy(watermark);
    if (!highest.admit(start, bid.price())) {
      return;
    }
    context.forward(record.withKey(Long.toString(start)));
  }
}
