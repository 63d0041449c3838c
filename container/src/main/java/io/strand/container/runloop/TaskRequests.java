package io.strand.container.runloop;

import io.strand.system.SystemStreamPartition;
import io.strand.task.TaskCoordinator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One task's {@link TaskCoordinator}: records commit and shutdown requests as bits, which the run
 * loop takes after the call into the task returns (or, for an async task, when a message
 * completes). Asking twice is asking once.
 *
 * <p>Threading: thread-safe (an async task may call it from any thread); the run loop reads it
 * with one volatile read per message.
 */
final class TaskRequests implements TaskCoordinator {

  static final int COMMIT_TASK = 1;
  static final int COMMIT_ALL = 2;
  static final int SHUTDOWN_TASK = 4;
  static final int SHUTDOWN_ALL = 8;
  static final int END_INPUT = 16;

  private final AtomicInteger bits = new AtomicInteger();
  private final ConcurrentLinkedQueue<SystemStreamPartition> endedInputs = new ConcurrentLinkedQueue<>();

  @Override
  public void commit(RequestScope scope) {
    set(scope == RequestScope.CURRENT_TASK ? COMMIT_TASK : COMMIT_ALL);
  }

  @Override
  public void shutdown(RequestScope scope) {
    set(scope == RequestScope.CURRENT_TASK ? SHUTDOWN_TASK : SHUTDOWN_ALL);
  }

  @Override
  public void endOfStream(SystemStreamPartition ssp) {
    endedInputs.add(java.util.Objects.requireNonNull(ssp, "ssp"));
    set(END_INPUT);
  }

  /**
   * Takes the inputs the task said have ended ({@link #endOfStream}).
   *
   * @return them, in the order asked
   */
  List<SystemStreamPartition> takeEndedInputs() {
    List<SystemStreamPartition> taken = new ArrayList<>();
    SystemStreamPartition ssp;
    while ((ssp = endedInputs.poll()) != null) {
      taken.add(ssp);
    }
    return taken;
  }

  private void set(int bit) {
    bits.getAndUpdate(b -> b | bit);
  }

  /**
   * Whether any request is pending (a plain volatile read).
   *
   * @return true if {@link #take()} would return non-zero
   */
  boolean any() {
    return bits.get() != 0;
  }

  /**
   * Takes and clears the pending requests.
   *
   * @return the request bits
   */
  int take() {
    return bits.getAndSet(0);
  }
}
