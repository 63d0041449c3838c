package io.strand.container.runloop;

import java.util.List;

/**
 * The {@link RunLoop}'s clean stop: who asked and why, whether the loop has begun it, and where it
 * is ({@link StopPhase}) for a stop that takes long. A stop is asked by {@link RunLoop#stop()} (any
 * thread), by a task's shutdown request for the whole container, or once every task is closed for
 * input: done, or voted to shut down, as Samza's {@code RunLoop} stops when every task's
 * coordinator asked for {@code shutdown(CURRENT_TASK)}.
 *
 * <p>Threading: {@link #ask()} and {@link #describe()} from any thread; the rest on the loop's
 * thread. The phase and the count in flight are written on the stop path only, never per message.
 */
final class LoopStop {
  private volatile boolean asked;
  private volatile StopPhase phase = StopPhase.NOT_SEEN;
  private volatile int inFlight;
  private boolean begun;
  private String reason = "stop requested";

  /** Asks for a clean stop (thread-safe); the loop sees it at its next turn. */
  void ask() {
    asked = true;
  }

  /**
   * Asks for a clean stop from the loop's thread, saying why.
   *
   * @param why the reason, for the loop's stop line
   */
  void ask(String why) {
    reason = why;
    asked = true;
  }

  /**
   * Asks for a clean stop once every task is closed for input (done or voted to shut down).
   *
   * @param tasks the container's tasks
   */
  void askIfAllClosed(List<TaskInstance> tasks) {
    if (tasks.stream().allMatch(TaskInstance::closedForInput)) {
      ask(tasks.stream().allMatch(TaskInstance::done) ? "every task reached the end of its input"
          : "every task voted to shut down or is done");
    }
  }

  /**
   * Begins a stop that was asked and not yet begun: from here no message is dispatched.
   *
   * @return true if it began now
   */
  boolean beginIfAsked() {
    if (asked && !begun) {
      begun = true;
      phase = StopPhase.DRAINING;
      return true;
    }
    return false;
  }

  /**
   * Whether the stop has begun.
   *
   * @return true once begun: no new message is dispatched
   */
  boolean begun() {
    return begun;
  }

  /**
   * Why the loop stops.
   *
   * @return the reason of the last ask from the loop's thread, or "stop requested"
   */
  String reason() {
    return reason;
  }

  /**
   * Where the stop is now.
   *
   * @param next the phase entered
   */
  void enter(StopPhase next) {
    phase = next;
  }

  /**
   * Notes how many messages the draining stop still waits for.
   *
   * @param messages messages in flight
   */
  void waitingFor(int messages) {
    inFlight = messages;
  }

  /**
   * What a stop waits for, as far as the loop knows (thread-safe).
   *
   * @return a phrase: not asked, or the {@link StopPhase} the stop is in
   */
  String describe() {
    return asked ? phase.describe(inFlight) : "no stop has reached the run loop";
  }
}
