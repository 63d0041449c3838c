package io.strand.container.runloop;

import io.strand.container.serde.SerdePair;
import io.strand.system.SystemStreamPartition;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One input partition of one task: its buffered records, its progress and its place in the
 * chooser. A broadcast partition consumed by several tasks has one of these per task. Its
 * mutable state changes only through its methods: the poller buffers records, the run loop takes
 * them and marks the input caught up or ended, its task advances the last processed offset, the
 * chooser queues it.
 *
 * <p>Threading: run loop thread only, except {@link #lag()} and {@link #knownLag()}, which metrics
 * and tasks read.
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
  /** Records at or below this offset are already processed by this task (a broadcast partition
   * read from an earlier offset for another task); -1 for none. */
  final long skipThrough;
  /** Rings of in-flight messages, for async and pooled tasks; null for inline tasks. */
  final InFlightOffsets inFlight;

  /** The buffered records, as slices of the polls' own record lists. */
  private final RecordSlices buffer = new RecordSlices();
  /** With peers: the timestamp of the buffer's first record, while there is one (see {@link #headTimestamp()}). */
  private long headTimestamp;
  /** The task's other inputs of the same priority, when the chooser orders them by timestamp; else empty. */
  private TaskInput[] peers = NO_PEERS;
  private static final TaskInput[] NO_PEERS = {};
  /** The last offset whose processing (and every earlier one) is complete; -1 for none. */
  private long lastProcessed;
  /** Bounded only: every record before {@link #endOffset} has been handed to the task. */
  private boolean ended;
  /** Bootstrap only: read up to {@link #endOffset}. */
  private boolean caughtUp;
  /** In the chooser's ready queue. */
  private boolean queued;
  /** High watermark minus the next offset to hand to the task, in records; refreshed periodically. */
  private volatile long lag;
  /** Whether {@link #lag} has been refreshed from the consumer at least once (or the input ended). */
  private volatile boolean lagKnown;
  /**
   * The consumer's lag for the partition as of its last poll, in records (-1 unknown): what the
   * broker (or the consumer's fetch buffer) holds beyond what was handed to the buffers here. Kept
   * only for inputs with peers ({@link #peers()}).
   */
  private long fetchedLag = -1;
  /**
   * Whether several tasks consume the partition ({@link io.strand.container.input.InputDecoder#isShared}),
   * so its records are decoded once for all of them. Fixed for the container's life: the run loop
   * passes it to every decode without a look-up.
   */
  final boolean shared;
  /**
   * Index of its priority level in the {@link MessageChooser} ({@link MessageChooser#levelOf}): 0 for
   * the container's highest priority. The chooser checks it when built, so {@link
   * MessageChooser#offer} queues the input without a search.
   */
  final int level;

  /**
   * Makes one, with nothing buffered.
   *
   * @param ssp the partition
   * @param task the task reading it
   * @param serdes the stream's serdes
   * @param priority {@code samza.priority} ({@link Integer#MAX_VALUE} for a bootstrap stream)
   * @param bootstrap whether it is a bootstrap stream
   * @param bounded whether it ends at {@code endOffset}
   * @param endOffset its end or catch-up offset, or {@link #NO_END}
   * @param lastProcessed the checkpointed last processed offset, or -1
   * @param inFlight the in-flight ring (pooled and async tasks), or null
   * @param level its priority's level index among every input of the container ({@link MessageChooser#levelOf})
   * @param shared whether several tasks of the job consume the partition ({@link
   *     io.strand.container.input.InputDecoder#isShared})
   */
  TaskInput(SystemStreamPartition ssp, TaskInstance task, SerdePair serdes, int priority, boolean bootstrap,
      boolean bounded, long endOffset, long lastProcessed, InFlightOffsets inFlight, int level, boolean shared) {
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
    this.level = level;
    this.shared = shared;
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

  /**
   * Appends one consumed record to the buffer (tests; the poller appends slices).
   *
   * @param record the record, at a higher offset than any buffered one
   */
  void buffer(ConsumerRecord<byte[], byte[]> record) {
    buffer(List.of(record), 0, 1);
  }

  /**
   * Appends records {@code [from, to)} of one poll's list for this partition to the buffer (the
   * poller's side). The list is read, never changed, until its records are taken.
   *
   * @param records the consumer's records of the partition, in offset order, not changed afterwards
   * @param from the first to buffer
   * @param to the end (exclusive); nothing is buffered when it is not above {@code from}
   */
  void buffer(List<ConsumerRecord<byte[], byte[]>> records, int from, int to) {
    if (to > from && buffer.size() == 0) {
      headTimestamp = records.get(from).timestamp();
    }
    buffer.add(records, from, to);
  }

  /**
   * Takes the oldest buffered record (the dispatch side).
   *
   * @return the record, or null when none is buffered
   */
  ConsumerRecord<byte[], byte[]> takeBuffered() {
    ConsumerRecord<byte[], byte[]> taken = buffer.take();
    if (peers.length > 0) {
      ConsumerRecord<byte[], byte[]> next = buffer.peek();
      if (next != null) {
        headTimestamp = next.timestamp();
      }
    }
    return taken;
  }

  /**
   * The timestamp of the oldest buffered record, kept here for inputs with peers: the chooser
   * compares a task's partitions at every turn, and loading the peer's head record for it was a
   * cache miss each time (6 % of a two-input join's thread).
   *
   * @return its timestamp (ms, as the record carries it)
   * @throws java.util.NoSuchElementException if nothing is buffered
   */
  long headTimestamp() {
    if (buffer.size() == 0) {
      throw new java.util.NoSuchElementException("nothing buffered for " + ssp);
    }
    return peers.length > 0 ? headTimestamp : buffer.peek().timestamp();
  }

  /**
   * The task's other inputs the chooser compares this one with (timestamp order).
   *
   * @return the peers; empty under round robin or for a task's only input of its priority
   */
  TaskInput[] peers() {
    return peers;
  }

  /**
   * Sets the peers, once, when the chooser is built.
   *
   * @param others the task's other inputs of the same priority
   */
  void peers(TaskInput[] others) {
    peers = others;
  }

  /**
   * Whether records of this partition wait beyond the buffer here, as far as the consumer knew at
   * its last poll: its lag (from the high watermark of the last fetch response and its position,
   * with no network call) is above zero, or not known yet. A caught-up partition (lag 0) answers
   * false until a later poll learns of new records; as Kafka Streams' {@code max.task.idle.ms=0}
   * reads {@code KafkaConsumer#currentLag}.
   *
   * @return true when a poll may bring records of it
   */
  boolean recordsWaiting() {
    return fetchedLag != 0;
  }

  /**
   * Notes the consumer's lag after a poll (the poller's side).
   *
   * @param records the lag in records, or -1 when the consumer does not know it yet
   */
  void fetchedLag(long records) {
    fetchedLag = records;
  }

  /**
   * How many records wait in the buffer.
   *
   * @return the count
   */
  int buffered() {
    return buffer.size();
  }

  /**
   * Whether a record waits in the buffer.
   *
   * @return true when at least one does
   */
  boolean hasBuffered() {
    return buffer.size() > 0;
  }

  /**
   * The last offset whose processing (and every earlier one's) is complete, for the checkpoint.
   *
   * @return the offset, or -1 for none
   */
  long lastProcessed() {
    return lastProcessed;
  }

  /**
   * Notes that processing is complete up to and including an offset.
   *
   * @param offset the new last processed offset
   */
  void processedThrough(long offset) {
    lastProcessed = offset;
  }

  /**
   * Whether a bounded input has ended.
   *
   * @return true once {@link #end()} ran
   */
  boolean ended() {
    return ended;
  }

  /**
   * Whether a bootstrap input has caught up.
   *
   * @return true once {@link #markCaughtUp()} ran
   */
  boolean caughtUp() {
    return caughtUp;
  }

  /**
   * Whether a mark is still to be reached: the end of a bounded input or the catch-up point of a
   * bootstrap input.
   *
   * @return true while one is pending
   */
  boolean markPending() {
    return (bounded && !ended) || (bootstrap && !caughtUp);
  }

  /**
   * Marks a bootstrap input caught up.
   *
   * @return true if it is a bootstrap input and was not caught up before
   */
  boolean markCaughtUp() {
    if (!bootstrap || caughtUp) {
      return false;
    }
    caughtUp = true;
    return true;
  }

  /**
   * Ends a bounded input: no further record is taken, and what is buffered is dropped (records
   * beyond the end are not this run's input).
   *
   * @return the number of records dropped from the buffer, or -1 if the input is not bounded or
   *     had already ended
   */
  int end() {
    if (!bounded) {
      return -1;
    }
    return endAsTaskSaid();
  }

  /**
   * Ends the input, bounded or not, because its task said it ended
   * ({@code TaskCoordinator.endOfStream}); what is buffered is dropped.
   *
   * @return the number of records dropped from the buffer, or -1 if it had already ended
   */
  int endAsTaskSaid() {
    if (ended) {
      return -1;
    }
    ended = true;
    // Nothing more to read for the task: its lag (what progress shows) is over, even if the
    // partition grows past the end it had at start.
    lag = 0;
    lagKnown = true;
    return buffer.clear();
  }

  /**
   * Enters the chooser's ready queue.
   *
   * @return false if it was queued already
   */
  boolean enqueue() {
    if (queued) {
      return false;
    }
    queued = true;
    return true;
  }

  /** Leaves the chooser's ready queue. */
  void dequeue() {
    queued = false;
  }

  /**
   * Its lag, for the task's lag gauge (any thread).
   *
   * @return high watermark minus the next offset to hand to the task, in records, as of the last
   *     refresh
   */
  long lag() {
    return lag;
  }

  /**
   * Refreshes the lag (run loop thread).
   *
   * @param records the consumer's lag plus what is buffered, in records; ignored once a bounded
   *     input ended (its lag stays 0)
   */
  void updateLag(long records) {
    if (!ended) {
      lag = records;
      lagKnown = true;
    }
  }

  /**
   * Its lag as the task may ask for it (any thread): unlike {@link #lag()}, which a gauge shows
   * as 0 before the consumer first fetched the partition, empty until it is known.
   *
   * @return records not yet handed to the task, as of the last refresh, or empty if never refreshed
   */
  OptionalLong knownLag() {
    return lagKnown ? OptionalLong.of(lag) : OptionalLong.empty();
  }
}
