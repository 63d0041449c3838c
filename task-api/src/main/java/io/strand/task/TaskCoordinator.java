package io.strand.task;

import io.strand.system.SystemStreamPartition;

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

  /**
   * Declares that one of the task's input partitions has ended although the container cannot see
   * an end in it (an unbounded stream whose content says it is over, as the end-of-stream control
   * records of an intermediate topic, Samza's {@code EndOfStreamMessage}). The container treats it
   * as a bounded input that reached its end: it hands the task no more of its records, and once
   * every input of the task has ended it calls {@link EndOfStreamListenerTask#onEndOfStream},
   * commits and the task is done. A request, acted on after the current call returns; asking
   * twice is asking once.
   *
   * @param ssp one of the task's input partitions
   * @throws UnsupportedOperationException from a coordinator that cannot end inputs (the default)
   */
  default void endOfStream(SystemStreamPartition ssp) {
    throw new UnsupportedOperationException("this coordinator cannot end input " + ssp);
  }
}
