package io.strand.task;

/**
 * Lets a task ask the container for a commit or a shutdown, as Samza's {@code TaskCoordinator}.
 *
 * <p>Both calls are requests: they return at once and the container acts on them after the
 * current call into the task returns. Asking twice is the same as asking once.
 */
public interface TaskCoordinator {

  /** Which tasks a request is for. */
  enum RequestScope {
    /** Only the task that asks. */
    CURRENT_TASK,
    /** Every task in this container. */
    ALL_TASKS_IN_CONTAINER
  }

  /**
   * Asks for a commit ahead of the {@code task.commit.ms} timer: output is flushed and
   * acknowledged, then input offsets are checkpointed.
   *
   * @param scope this task only, or every task in the container
   */
  void commit(RequestScope scope);

  /**
   * Votes to stop. With {@link RequestScope#CURRENT_TASK} the task stops receiving messages
   * and the container stops cleanly (commit, then {@link ClosableTask#close}) once every one of its
   * tasks has voted; with {@link RequestScope#ALL_TASKS_IN_CONTAINER} it stops at once, cleanly.
   *
   * @param scope this task's vote, or a shutdown of the whole container
   */
  void shutdown(RequestScope scope);
}
