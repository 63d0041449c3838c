package io.strand.nexmark.flink;

import io.strand.nexmark.query.WindowHighest;
import io.strand.nexmark.query.results.HotItem;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Q5's partial leaders step in one subtask, the same step as Strand's {@code CountLeadersFilter}
 * and Kafka Streams' q5 {@code CountLeadersFilter}: of the final per-auction counts the subtask's
 * sliding windows emit, passes on every count at or above the highest count this subtask has
 * passed on for that window so far (ties kept), and drops the others, which can never be their
 * window's highest. The keyed leaders step after the exchange ({@link Q5HotItems.Hottest}) then
 * receives only the candidates instead of every auction's count. Chained to the window operator,
 * so it adds no exchange.
 *
 * <p>The highest counts are plain fields, not Flink state: a count is dropped only when a higher
 * count of the same window went before it on the same channel, so the leaders step sees the higher
 * one first. A restarted subtask, or one whose entry for the window was already removed, passes on
 * more counts, never fewer; the leaders step drops the extra ones, so the results do not depend on
 * what was forgotten. Counts are never dropped as late here: the leaders step decides, as without
 * this step. Memory: one entry per window whose counts are being emitted; a window's counts come
 * when the watermark passes its end, before that watermark reaches this operator, which removes
 * the window at its first count after the watermark passed the window's end.
 */
final class Q5WindowLeaders extends ProcessFunction<HotItem, HotItem> {
  private static final long serialVersionUID = 1L;

  /** Each window's highest count passed on so far. */
  private final WindowHighest highest;

  /**
   * @param sizeMs the sliding window's size, ms (a window {@code [start, start + sizeMs)} is removed
   *     once the watermark reaches its end)
   */
  Q5WindowLeaders(long sizeMs) {
    this.highest = new WindowHighest(sizeMs);
  }

  @Override
  public void processElement(HotItem item, Context ctx, Collector<HotItem> out) {
    highest.forgetEndedBy(ctx.timerService().currentWatermark());
    if (!highest.admit(item.windowStart(), item.num())) {
      return;
    }
    out.collect(item);
  }
}
