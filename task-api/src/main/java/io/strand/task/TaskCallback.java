package io.strand.task;

/**
 * How an {@link AsyncStreamTask} reports that one message is finished, as Samza's
 * {@code TaskCallback}. Exactly one of the two methods must be called, once, from any thread.
 *
 * <p>A message whose callback is never called holds back its partition's committed offset and
 * blocks window and commit; the container fails the task after {@code task.callback.timeout.ms}.
 */
public interface TaskCallback {

  /**
   * Marks the message processed.
   *
   * @throws IllegalStateException if this callback was already completed or failed
   */
  void complete();

  /**
   * Marks the message failed, which fails the container as an exception from
   * {@link StreamTask#process} would.
   *
   * @param cause why it failed
   * @throws IllegalStateException if this callback was already completed or failed
   */
  void failure(Throwable cause);
}
