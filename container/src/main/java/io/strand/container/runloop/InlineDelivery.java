package io.strand.container.runloop;

import io.strand.container.metrics.TaskMetrics;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import java.util.concurrent.TimeUnit;

/**
 * {@link StreamTask#process} on the run loop thread (the default): no allocation or lock beyond
 * the envelope. One call in about {@value #PROCESS_TIME_SAMPLE}, and at most one per
 * {@value #PROCESS_TIME_GAP_NANOS} ns, is timed, so a fast task pays for about 100 timings a
 * second; a timed call also moves the processed count into the counter.
 *
 * <p>Threading: run loop thread only.
 */
final class InlineDelivery extends TaskDelivery {

  /** Inline process calls are timed at most once per this many messages... */
  private static final int PROCESS_TIME_SAMPLE = 64;
  /** ...and at most once per this many ns. */
  private static final long PROCESS_TIME_GAP_NANOS = 10_000_000L;

  private final StreamTask task;
  private final MessageCollector collector;
  private final TaskRequests requests;
  /**
   * Messages until the next timed call. Starts at 1: the first message is timed, so it is counted
   * as soon as it is processed and progress readers (the flights demo's processing clock, the
   * progress line) see processing begin at once, not at the next housekeeping up to 500 ms later.
   */
  private int untilTimed = 1;
  private long nextTimedNanos = System.nanoTime();

  InlineDelivery(TaskInstance owner, StreamTask task, MessageCollector collector, TaskRequests requests,
      TaskMetrics metrics) {
    super(owner, metrics, 1);
    this.task = task;
    this.collector = collector;
    this.requests = requests;
  }

  @Override
  boolean process(TaskInput in, IncomingMessageEnvelope env, long offset) {
    // Counted when handed over (a failing call fails the container anyway), so a timed call's flush
    // includes this message.
    processedUnflushed++;
    if (env != null) {
      if (--untilTimed == 0) {
        processTimed(in, env, offset);
      } else {
        call(in, env, offset);
      }
    }
    in.processedThrough(offset);
    return false;
  }

  private void processTimed(TaskInput in, IncomingMessageEnvelope env, long offset) {
    untilTimed = PROCESS_TIME_SAMPLE;
    long start = System.nanoTime();
    call(in, env, offset);
    if (start - nextTimedNanos >= 0) {
      long end = System.nanoTime();
      nextTimedNanos = end + PROCESS_TIME_GAP_NANOS;
      metrics.processTime().record(end - start, TimeUnit.NANOSECONDS);
      flushMetrics();
    }
  }

  private void call(TaskInput in, IncomingMessageEnvelope env, long offset) {
    try {
      task.process(env, collector, requests);
    } catch (Exception | LinkageError e) {
      throw owner.calls.failure("process", in, offset, e);
    }
  }

  @Override
  InFlightOffsets newInFlightOffsets() {
    return null;
  }

  @Override
  void completed(Completion c) {
    throw new IllegalStateException("task '" + owner.name + "' runs inline and has no completions");
  }
}
