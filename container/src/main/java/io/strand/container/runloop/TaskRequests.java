package io.strand.container.runloop;

import io.strand.task.TaskCoordinator;
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

  private final AtomicInteger bits = new AtomicInteger();

  @Override
  public void commit(RequestScope scope) {
    set(scope == RequestScope.CURRENT_TASK ? COMMIT_TASK : COMMIT_ALL);
  }

  @Override
  public void shutdown(RequestScope scope) {
    set(scope == RequestScope.CURRENT_TASK ? SHUTDOWN_TASK : SHUTDOWN_ALL);
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
