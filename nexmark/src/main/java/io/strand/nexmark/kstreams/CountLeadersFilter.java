package io.strand.nexmark.kstreams;

import io.strand.nexmark.query.WindowHighest;
import io.strand.nexmark.query.results.HotItem;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Q5's partial leaders step in one task, the same step as Strand's {@code CountLeadersFilter} and
 * Flink's {@code Q5WindowLeaders}: of the final per-auction counts the task's suppression releases,
 * keyed by their window's start, passes on every count at or above the highest count this task has
 * passed on for that window so far (ties kept), and drops the others, which can never be their
 * window's highest. The per-window aggregation after the {@link Exchange} then receives only the
 * candidates instead of every auction's count.
 *
 * <p>The highest counts are plain fields, not a store: a count is dropped only when a higher count
 * of the same window went before it into the same exchange partition, so the aggregation sees the
 * higher one first. A restarted task, or one whose entry for the window was already removed,
 * passes on more counts, never fewer; the aggregation drops the extra ones, so the results do not
 * depend on what was forgotten. Counts are never dropped as late here.
 *
 * <p>Memory: Kafka Streams has no watermark; the suppression releases a window, all its counts in
 * one go, once the task's stream time passed the window's end plus the grace, so the stream time
 * less the grace stands for the watermark: when it has advanced, windows whose end it reached are
 * removed, which leaves one entry per window whose counts are being released.
 */
final class CountLeadersFilter implements FixedKeyProcessor<String, HotItem, HotItem> {

  private final long graceMs;
  /** Each window's highest count passed on so far. */
  private final WindowHighest highest;
  private FixedKeyProcessorContext<String, HotItem> context;

  /**
   * @param sizeMs the hopping window's size, ms
   * @param graceMs its grace, ms
   */
  CountLeadersFilter(long sizeMs, long graceMs) {
    this.graceMs = graceMs;
    this.highest = new WindowHighest(sizeMs);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, HotItem> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, HotItem> record) {
    highest.forgetEndedBy(context.currentStreamTimeMs() - graceMs);
    HotItem item = record.value();
    if (!highest.admit(item.windowStart(), item.num())) {
      return;
    }
    context.forward(record);
  }
}
