package io.strand.container.runloop;

import io.strand.container.serde.SerdePair;
import io.strand.system.SystemStreamPartition;
import java.util.ArrayDeque;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One input partition of one task: its buffered records, its progress and its place in the
 * chooser. A broadcast partition consumed by several tasks has one of these per task.
 *
 * <p>Threading: run loop thread only, except {@link #lag}, which metrics read.
 */
final class TaskInput {

  /** {@link #endOffset} of an unbounded, non-bootstrap partition. */
  static final long NO_END = Long.MAX_VALUE;

  final SystemStreamPartition ssp;
  final TaskInstance task;
  final SerdePair serdes;
  final int priority;
  final boolean bootstrap;
  final boolean bounded;
  /** Offset at which the partition ends (bounded) or is caught up (bootstrap); taken at start. */
  final long endOffset;
  final ArrayDeque<ConsumerRecord<byte[], byte[]>> buffer = new ArrayDeque<>();
  /** Records at or below this offset are already processed by this task (a broadcast partition
   * read from an earlier offset for another task); -1 for none. */
  final long skipThrough;
  /** Rings of in-flight messages, for async and pooled tasks; null for inline tasks. */
  final InFlightOffsets inFlight;

  /** The last offset whose processing (and every earlier one) is complete; -1 for none. */
  long lastProcessed;
  /** Bounded only: every record before {@link #endOffset} has been handed to the task. */
  boolean ended;
  /** Bootstrap only: read up to {@link #endOffset}. */
  boolean caughtUp;
  /** In the chooser's ready queue. */
  boolean queued;
  /** High watermark minus the next offset to hand to the task, in records; refreshed periodically. */
  volatile long lag;

  TaskInput(SystemStreamPartition ssp, TaskInstance task, SerdePair serdes, int priority, boolean bootstrap,
      boolean bounded, long endOffset, long lastProcessed, InFlightOffsets inFlight) {
    this.ssp = ssp;
    this.task = task;
    this.serdes = serdes;
    this.priority = priority;
    this.bootstrap = bootstrap;
    this.bounded = bounded;
    this.endOffset = endOffset;
    this.lastProcessed = lastProcessed;
    this.skipThrough = lastProcessed;
    this.inFlight = inFlight;
  }

  /**
   * Whether the task still wants records from this partition.
   *
   * @return false once it ended, or its task is done or voted to shut down
   */
  boolean open() {
    return !ended && !task.closedForInput();
  }

  /**
   * Whether no message of this input is in flight.
   *
   * @return true for inline tasks, or when the ring is empty
   */
  boolean inFlightEmpty() {
    return inFlight == null || inFlight.isEmpty();
  }
}
