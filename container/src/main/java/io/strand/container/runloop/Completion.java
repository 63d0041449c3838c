package io.strand.container.runloop;

import io.strand.task.TaskCallback;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The end of one message handed to a task off the run loop thread: the {@link TaskCallback} of
 * an async task, or the result of a process call on the thread pool. Completing it posts it to
 * the run loop, which advances the partition's offset and acts on the outcome.
 *
 * <p>Threading: complete or fail from any thread, exactly once; the fields set at construction
 * are read by the run loop after it takes the completion from the queue.
 */
final class Completion implements TaskCallback {

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Completion.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final TaskInput input;
  final long offset;
  final long startNanos;
  private final CompletionQueue queue;
  @SuppressWarnings("unused") // through STATE
  private volatile int state;
  private Throwable error; // published by the queue's happens-before

  Completion(TaskInput input, long offset, CompletionQueue queue, long startNanos) {
    this.startNanos = startNanos;
    this.input = input;
    this.offset = offset;
    this.queue = queue;
  }

  @Override
  public void complete() {
    finish(null);
  }

  @Override
  public void failure(Throwable cause) {
    finish(cause == null ? new IllegalStateException("failure(null) called") : cause);
  }

  private void finish(Throwable cause) {
    if (!STATE.compareAndSet(this, 0, 1)) {
      throw new IllegalStateException("the callback of " + input.ssp + " offset " + offset
          + " was already completed or failed; call it exactly once");
    }
    this.error = cause;
    queue.post(this);
  }

  /**
   * Why the message failed.
   *
   * @return the error, or null when it completed
   */
  Throwable error() {
    return error;
  }
}
