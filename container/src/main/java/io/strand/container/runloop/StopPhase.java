package io.strand.container.runloop;

/**
 * Where a clean stop of the {@link RunLoop} is, for {@link RunLoop#describeStop()} when a stop takes
 * long (the stop watchdog names it in its log line). The loop moves through the phases in order and
 * writes the phase on the stop path only, never per message.
 *
 * <p>Threading: an immutable enum; the loop publishes the current phase through a volatile field.
 */
enum StopPhase {
  /** Asked, but the loop thread is inside a call (a task, a poll, a commit) and has not seen it yet. */
  NOT_SEEN,
  /** Seen: no new message is dispatched; messages in flight complete first. */
  DRAINING,
  /** Nothing in flight: the final commit of every task. */
  FINAL_COMMIT,
  /** Committed: {@code close} of every closable task. */
  CLOSING_TASKS,
  /** {@link RunLoop#run()} has returned. */
  RETURNED;

  /**
   * The phrase for a log line.
   *
   * @param inFlight messages in flight when the loop last looked (used while {@link #DRAINING})
   * @return what the stop waits for
   */
  String describe(int inFlight) {
    return switch (this) {
      case NOT_SEEN -> "the run loop has not seen the stop yet (its thread is inside the call below)";
      case DRAINING -> "the run loop waits for " + inFlight + " message(s) in flight to complete";
      case FINAL_COMMIT -> "the run loop is in its final commit";
      case CLOSING_TASKS -> "the run loop is closing the tasks";
      case RETURNED -> "the run loop has returned";
    };
  }
}
