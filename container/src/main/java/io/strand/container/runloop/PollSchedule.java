package io.strand.container.runloop;

/**
 * When a busy run loop polls its consumers again, as Samza's container does: when nothing
 * buffered can be dispatched (the loop's idle path, not decided here), and otherwise every
 * {@code task.poll.interval.ms} so partitions whose buffers ran dry get data while others still
 * have some (such a poll fetches only the dry partitions, and waits while {@value #LOW_WATER} or
 * more records are buffered, so the buffers hold about one poll's worth). With inputs of several priorities
 * (bootstrap streams count as the highest) it also polls every {@value #POLL_EVERY} messages, so
 * new data of a higher priority overtakes what is buffered of a lower one within that many
 * messages, until the open inputs have one priority left (a bounded table read first has ended).
 * A timestamp-ordered chooser that found a task's partition dry while the consumer knows it has
 * records waiting ({@link MessageChooser#takeDryPeer()}) asks for a poll too, at most every
 * {@value #DRY_PEER_POLL_US} µs, so that partition is refetched before the task's other partitions
 * run far ahead of it in time; a dry partition that is caught up asks for none.
 *
 * <p>Polling seldom, and only for dry partitions, is what keeps the container close to a bare
 * consumer loop: every poll costs a round of the consumer's network client, and records fetched
 * while others still wait only make the buffers fuller (more live records, more cache misses and
 * young-GC copying per message).
 *
 * <p>Threading: run loop thread only.
 */
final class PollSchedule {

  /** Messages between polls when inputs have several priorities. */
  static final int POLL_EVERY = 64;
  /** Records buffered in all partitions below which a due interval poll happens. */
  static final int LOW_WATER = InputPoller.MAX_BUFFERED;

  /** Least time between two polls for a timestamp-ordered task's dry partition, in µs. */
  static final long DRY_PEER_POLL_US = 1_000;

  private final long intervalNanos;
  private boolean byCount;
  private int sincePoll;
  private long nextPoll;
  private long lastPoll;

  /**
   * Creates a schedule.
   *
   * @param intervalMs {@code task.poll.interval.ms}: the longest a busy loop goes without polling
   * @param priorityLevels how many distinct priorities the container's inputs have
   */
  PollSchedule(long intervalMs, int priorityLevels) {
    this.intervalNanos = intervalMs * 1_000_000L;
    this.byCount = priorityLevels > 1;
    this.lastPoll = System.nanoTime();
    this.nextPoll = lastPoll + intervalNanos;
  }

  /**
   * Counts one dispatched message and tells whether to poll now.
   *
   * @param now {@link System#nanoTime()}
   * @param buffered records buffered in all partitions
   * @param dryPeer whether the dispatch found a task's partition dry with records waiting at the
   *     consumer ({@link MessageChooser#takeDryPeer()}); then a poll is due once
   *     {@value #DRY_PEER_POLL_US} µs passed since the last one ended
   * @return true when a poll is due
   */
  boolean dueAfterDispatch(long now, int buffered, boolean dryPeer) {
    return (byCount && ++sincePoll >= POLL_EVERY) || (now - nextPoll >= 0 && buffered < LOW_WATER)
        || (dryPeer && now - lastPoll >= DRY_PEER_POLL_US * 1_000L);
  }

  /**
   * Stops the polls every {@value #POLL_EVERY} messages: the inputs still open have one priority
   * ({@link MessageChooser#severalPrioritiesOpen()}), so nothing can overtake what is buffered.
   */
  void onePriorityLeft() {
    byCount = false;
  }

  /**
   * Notes that a poll (from either path) just ended.
   *
   * @return {@link System#nanoTime()} now
   */
  long polled() {
    long now = System.nanoTime();
    sincePoll = 0;
    lastPoll = now;
    nextPoll = now + intervalNanos;
    return now;
  }
}
