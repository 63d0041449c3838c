package io.strand.nexmark.strand;

import io.strand.nexmark.query.WindowHighest;
import io.strand.nexmark.query.results.HotItem;
import io.strand.streams.Processor;
import io.strand.streams.ProcessorContext;
import io.strand.streams.Windowed;
import java.util.List;

/**
 * Q5's partial leaders step in one task: of the final per-auction counts its hopping windows emit,
 * passes on, keyed by the window's start (as a one-count {@link HotItems}), every count at or above
 * the highest count this task has passed on for that window so far (ties kept), and drops the
 * others, which can never be their window's highest. The leaders window after the repartition
 * ({@link Q5HotItems}) then merges only these candidates instead of every auction's count. The same
 * step, with the same rule, stands before the exchange in Flink's and Kafka Streams' q5.
 *
 * <p>Why no store: the highest counts are only a filter. A count is dropped only when a higher
 * count of the same window was passed on before it by this task, on the same path to the leaders
 * step (so that step sees the higher one first, and the dropped one could never lead). A task
 * that restarts, or a window whose entry was already removed, forgets them: it passes on more,
 * never fewer, and the leaders step drops the extra ones, so the results do not depend on what was
 * forgotten. Counts are never dropped as late here: the leaders step decides, as without this step.
 *
 * <p>Memory: one entry per window whose counts are being emitted. A window's counts are all
 * emitted when the watermark passes its end, before that watermark reaches this operator, which
 * then removes the window. Threading: one instance per task, on the task's thread.
 */
final class CountLeadersFilter implements Processor<Windowed<String>, Long, String, HotItems> {

  /** Each window's highest count passed on so far. */
  private final WindowHighest highest;
  private ProcessorContext<String, HotItems> context;

  /**
   * @param sizeMs the hopping window's size, ms (a window {@code [start, start + sizeMs)} is removed
   *     once the watermark reaches its end)
   */
  CountLeadersFilter(long sizeMs) {
    this.highest = new WindowHighest(sizeMs);
  }

  @Override
  public void init(ProcessorContext<String, HotItems> context) {
    this.context = context;
  }

  @Override
  public void process(Windowed<String> window, Long count) {
    long start = window.window().startMs();
    long n = count;
    if (!highest.admit(start, n)) {
      return;
    }
    context.forward(Long.toString(start), new HotItems(n,
        List.of(new HotItem(Long.parseLong(window.key()), n, start, window.window().endMs()))));
  }

  @Override
  public void onWatermark(long watermarkMs) {
    highest.forgetEndedBy(watermarkMs);
  }
}
